package com.followthrough.organization;

import static com.followthrough.organization.SupportGroups.AGENTS;
import static com.followthrough.organization.SupportGroups.AGENTS_DE;
import static com.followthrough.organization.SupportGroups.AGENTS_EN;
import static com.followthrough.organization.SupportGroups.ANALYSTS;
import static com.followthrough.organization.SupportGroups.DESIGNERS;
import static com.followthrough.organization.SupportGroups.INTEGRATIONS;
import static com.followthrough.organization.SupportGroups.SPECIALISTS;
import static com.followthrough.organization.SupportGroups.SUPERVISORS;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The people of the demo support organization (password = user id) and the groups they belong to, which
 * {@link OrganizationSetup} creates in every profile. Only in the "demo" profile; safe to run on every start, it only
 * adds what is missing.
 * The admin user "demo" comes from {@code camunda.bpm.admin-user}, which also puts it into camunda-admin.
 */
@Component
@Profile("demo")
public class DemoOrganization {

    record Person(String id, String firstName, String lastName, List<String> groups) {

        String email() {
            return id + "@follow-through.example";
        }
    }

    static final List<Person> PEOPLE = List.of(
            new Person("anna", "Anna", "Clarke", List.of(AGENTS, AGENTS_EN)),
            new Person("jonas", "Jonas", "Becker", List.of(AGENTS, AGENTS_DE)),
            new Person("sam", "Sam", "Okafor", List.of(SPECIALISTS)),
            new Person("maria", "Maria", "Lindqvist", List.of(SUPERVISORS)),
            new Person("alex", "Alex", "Moreau", List.of(ANALYSTS)),
            new Person("dana", "Dana", "Novak", List.of(DESIGNERS)),
            new Person("portal", "Customer", "Portal", List.of(INTEGRATIONS)));

    private final IdentityService identityService;

    public DemoOrganization(IdentityService identityService) {
        this.identityService = identityService;
    }

    public void create() {
        PEOPLE.forEach(this::ensureUser);
        PEOPLE.forEach(person -> person.groups().forEach(group -> ensureMembership(person.id(), group)));
    }

    private void ensureUser(Person person) {
        if (identityService.createUserQuery().userId(person.id()).count() > 0) {
            return;
        }
        User user = identityService.newUser(person.id());
        user.setFirstName(person.firstName());
        user.setLastName(person.lastName());
        user.setEmail(person.email());
        user.setPassword(person.id());
        identityService.saveUser(user);
    }

    private void ensureMembership(String userId, String groupId) {
        if (identityService.createGroupQuery().groupId(groupId).groupMember(userId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }
}
