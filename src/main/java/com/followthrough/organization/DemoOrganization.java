package com.followthrough.organization;

import static com.followthrough.organization.SupportGroups.AGENTS;
import static com.followthrough.organization.SupportGroups.AGENTS_DE;
import static com.followthrough.organization.SupportGroups.AGENTS_EN;
import static com.followthrough.organization.SupportGroups.ANALYSTS;
import static com.followthrough.organization.SupportGroups.CAMUNDA_ADMIN;
import static com.followthrough.organization.SupportGroups.DESIGNERS;
import static com.followthrough.organization.SupportGroups.INTEGRATIONS;
import static com.followthrough.organization.SupportGroups.SPECIALISTS;
import static com.followthrough.organization.SupportGroups.SUPERVISORS;
import static org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_SYSTEM;
import static org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo support organization: groups, people (password = user id) and who belongs where.
 * Only in the "demo" profile; safe to run on every start, it only adds what is missing.
 * The admin user "demo" comes from {@code camunda.bpm.admin-user}, which also puts it into camunda-admin.
 */
@Component
@Profile("demo")
public class DemoOrganization {

    record Team(String id, String name, String type) {
    }

    record Person(String id, String firstName, String lastName, List<String> groups) {

        String email() {
            return id + "@follow-through.example";
        }
    }

    static final List<Team> TEAMS = List.of(
            new Team(CAMUNDA_ADMIN, "Camunda administrators", GROUP_TYPE_SYSTEM),
            new Team(AGENTS, "Agents", GROUP_TYPE_WORKFLOW),
            new Team(AGENTS_EN, "Agents (English)", GROUP_TYPE_WORKFLOW),
            new Team(AGENTS_DE, "Agents (German)", GROUP_TYPE_WORKFLOW),
            new Team(SPECIALISTS, "Specialists", GROUP_TYPE_WORKFLOW),
            new Team(SUPERVISORS, "Supervisors", GROUP_TYPE_WORKFLOW),
            new Team(ANALYSTS, "Analysts", GROUP_TYPE_WORKFLOW),
            new Team(DESIGNERS, "Designers", GROUP_TYPE_WORKFLOW),
            new Team(INTEGRATIONS, "Integrations", GROUP_TYPE_SYSTEM));

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
        TEAMS.forEach(this::ensureGroup);
        PEOPLE.forEach(this::ensureUser);
        PEOPLE.forEach(person -> person.groups().forEach(group -> ensureMembership(person.id(), group)));
    }

    private void ensureGroup(Team team) {
        if (identityService.createGroupQuery().groupId(team.id()).count() > 0) {
            return;
        }
        Group group = identityService.newGroup(team.id());
        group.setName(team.name());
        group.setType(team.type());
        identityService.saveGroup(group);
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
