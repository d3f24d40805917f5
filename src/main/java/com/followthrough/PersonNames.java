package com.followthrough;

import java.util.concurrent.Callable;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * A person as people read them: "Anna Schmidt" for the user id {@code anna}, from the engine's identity service. The
 * case variables, the task assignee and the JSON keep the id; forms, Tasklist texts and Cockpit show the name. Read
 * without the reader's authorizations: knowing who owns a case one may see is not a grant on the user list.
 */
@Component
public class PersonNames {

    private final IdentityService identityService;

    public PersonNames(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** "Anna Schmidt"; the id itself for a user without a name or no longer known; "" for none. */
    public String of(String userId) {
        if (userId == null || userId.isBlank()) {
            return "";
        }
        User user = withoutAuthorization(() -> identityService.createUserQuery().userId(userId).singleResult());
        String name = user == null ? "" : ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? userId : name;
    }

    private <T> T withoutAuthorization(Callable<T> lookup) {
        CommandContext command = Context.getCommandContext();
        Authentication caller = command == null ? identityService.getCurrentAuthentication() : null;
        try {
            if (command != null) {
                return command.runWithoutAuthorization(lookup);
            }
            identityService.clearAuthentication();
            return lookup.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
