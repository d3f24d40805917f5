package com.followthrough.organization;

import java.util.List;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Users and their groups as a process step needs them (who may decide, who may take over a callback). Inside a step
 * the lookups run without the signed-in user's authorizations: the rule is the step's, not the reader's, and a
 * supervisor needs no grant to read the user list for it.
 */
@Component
public class People {

    /**
     * The task variable a takeover step's form offers its colleagues from (a Json list for a form-js select): a copy
     * of the groups' members when the task was created, kept without history like the task's other copies.
     */
    public static final String COLLEAGUES = "colleagues";

    private final IdentityService identityService;

    public People(IdentityService identityService) {
        this.identityService = identityService;
    }

    public boolean exists(String userId) {
        return asTheProcess(() -> identityService.createUserQuery().userId(userId).count() == 1);
    }

    public boolean isMember(String userId, String groupId) {
        return asTheProcess(() -> identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 1);
    }

    public List<User> membersOf(String groupId) {
        return asTheProcess(() -> identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list());
    }

    /** "Maria Schmidt (maria)", or the id alone for a user without a name. */
    public static String named(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? user.getId() : name + " (" + user.getId() + ")";
    }

    private static <T> T asTheProcess(Callable<T> lookup) {
        CommandContext step = Context.getCommandContext();
        try {
            return step == null ? lookup.call() : step.runWithoutAuthorization(lookup);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
