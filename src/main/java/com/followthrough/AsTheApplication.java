package com.followthrough;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine work without the caller's engine authorizations, and gives them back after: for what the product does
 * once it has decided the caller may ask, where the caller's own grants would hide what it must see (a supervisor
 * needs no grant on every agent's task to hand an absent agent's work over; an integrator may not read users; the
 * form of a task is known whoever may read the task).
 */
@Component
public class AsTheApplication {

    private final IdentityService identities;

    public AsTheApplication(IdentityService identities) {
        this.identities = identities;
    }

    public <T> T run(Supplier<T> work) {
        return run(identities, work);
    }

    /** For code the engine calls (a listener, a delegate), which reaches the identity service through the engine. */
    public static <T> T run(IdentityService identities, Supplier<T> work) {
        return runAs(identities, null, work);
    }

    /**
     * Runs engine work as {@code who} (nobody: as the application), and gives the caller's authentication back after:
     * for a request our filter answers before Camunda's own has signed the caller in.
     */
    public static <T> T runAs(IdentityService identities, Authentication who, Supplier<T> work) {
        Authentication caller = identities.getCurrentAuthentication();
        if (who == null) {
            identities.clearAuthentication();
        } else {
            identities.setAuthentication(who);
        }
        try {
            return work.get();
        } finally {
            if (caller == null) {
                identities.clearAuthentication();
            } else {
                identities.setAuthentication(caller);
            }
        }
    }
}
