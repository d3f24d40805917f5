package com.followthrough.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.Language;

/**
 * Who works the generated cases: the demo organization's agents by language, the specialist and the supervisor. Each
 * acts signed in as themselves, so the engine's authorizations apply and the history names them.
 */
@Component
@Profile("demo")
class DemoPeople {

    private final IdentityService identityService;
    private final Map<String, List<String>> groups = new HashMap<>();

    DemoPeople(IdentityService identityService) {
        this.identityService = identityService;
    }

    String agentFor(String language) {
        return Language.DE.id().equals(language) ? "jonas" : "anna";
    }

    String specialist() {
        return "sam";
    }

    String supervisor() {
        return "maria";
    }

    <T> T as(String user, Supplier<T> action) {
        List<String> memberOf = groups.computeIfAbsent(user, id -> identityService.createGroupQuery().groupMember(id)
                .list().stream().map(Group::getId).toList());
        identityService.setAuthentication(user, memberOf);
        try {
            return action.get();
        } finally {
            identityService.clearAuthentication();
        }
    }
}
