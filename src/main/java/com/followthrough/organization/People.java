package com.followthrough.organization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Users and their groups as a process step needs them (who may decide, who may take over a callback). Inside a step
 * the lookups run without the signed-in user's authorizations: the rule is the step's, not the reader's, and a
 * supervisor needs no grant to read the user list for it.
 */
@Component
public class People {

    /**
     * What a takeover step's form offers its colleagues from (a Json list for a form-js select's {@code valuesKey}),
     * read when the form is read ({@link #colleaguesIn}). Tasks created before issue 16's change hold a copy as a task
     * variable, without history, which the form's fresh list hides.
     */
    public static final String COLLEAGUES = "colleagues";

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The teams {@code userId} is in ({@link SupportGroups#isTeam}). */
    public List<String> teamsOf(String userId) {
        return asTheProcess(() -> identityService.createGroupQuery().groupMember(userId).list()).stream()
                .map(Group::getId).filter(SupportGroups::isTeam).toList();
    }

    public List<User> membersOf(String groupId) {
        return asTheProcess(() -> identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list());
    }

    /**
     * Who may take over a step of a case of {@code team}: its members, then the supervisors, each once, as form-js
     * select options ({@code [{"label": "Anna Clarke (anna)", "value": "anna"}, ...]}). Json text, not deserialized:
     * Tasklist asks for a form's values that way ({@code deserializeValues=false}) and parses them.
     */
    public JsonValue colleaguesIn(String team) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (String group : List.of(team, SupportGroups.SUPERVISORS)) {
            for (User user : membersOf(group)) {
                byId.putIfAbsent(user.getId(), named(user));
            }
        }
        List<Option> options = byId.entrySet().stream().map(e -> new Option(e.getValue(), e.getKey())).toList();
        try {
            return SpinValues.jsonValue(JSON.writeValueAsString(options)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Why {@code userId} may not take over a step of a case of {@code team} ({@link #colleaguesIn} offers who may), as
     * the supervisor reads it; empty if they may.
     */
    public Optional<String> whyNotAColleagueIn(String team, String userId) {
        if (!exists(userId)) {
            return Optional.of("There is no user '" + userId + "'. Pick a colleague from the case's team (" + team
                    + ") or a supervisor");
        }
        if (!isColleagueIn(team, userId)) {
            return Optional.of(userId + " is not in the case's team (" + team + ") or a supervisor, so they may not"
                    + " speak the customer's language or know the case. Pick a colleague from " + team
                    + " or a supervisor");
        }
        return Optional.empty();
    }

    /** Whether {@code userId} may take over work of a case of {@code team}: one of its members, or a supervisor. */
    public boolean isColleagueIn(String team, String userId) {
        return isMember(userId, team) || isMember(userId, SupportGroups.SUPERVISORS);
    }

    /** One entry of a form-js select: what the supervisor reads, and the user id the form submits. */
    private record Option(String label, String value) {
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
