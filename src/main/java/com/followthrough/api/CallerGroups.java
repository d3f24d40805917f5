package com.followthrough.api;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who may call an endpoint, by the groups of the signed-in caller (the engine's current authentication). */
public final class CallerGroups {

    private CallerGroups() {
    }

    /** 403 naming the groups unless the caller is in one of them; {@code rule} says who the endpoint is for. */
    public static void requireOneOf(IdentityService identities, Set<String> groups, String rule) {
        Authentication caller = identities.getCurrentAuthentication();
        List<String> theirs = caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        if (theirs.stream().noneMatch(groups::contains)) {
            throw ApiProblem.forbidden(rule + " (groups " + groups.stream().sorted().toList() + ").");
        }
    }
}
