package com.followthrough.organization;

import static com.followthrough.organization.SupportGroups.AGENTS;
import static com.followthrough.organization.SupportGroups.AGENTS_DE;
import static com.followthrough.organization.SupportGroups.AGENTS_EN;
import static com.followthrough.organization.SupportGroups.ANALYSTS;
import static com.followthrough.organization.SupportGroups.CAMUNDA_ADMIN;
import static com.followthrough.organization.SupportGroups.DEPLOYMENT_PIPELINE;
import static com.followthrough.organization.SupportGroups.DESIGNERS;
import static com.followthrough.organization.SupportGroups.INTEGRATIONS;
import static com.followthrough.organization.SupportGroups.SPECIALISTS;
import static com.followthrough.organization.SupportGroups.SUPERVISORS;
import static org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_SYSTEM;
import static org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the support organization once the engine has deployed the models, on every start and in every profile: the
 * groups the models offer their tasks to, what each group may do, and the Tasklist filters. Without them no person
 * an operator adds in Admin would see a task. The people come only with the "demo" profile ({@link DemoOrganization});
 * elsewhere nothing creates a user or a password. Each step only adds what is missing, so a restart on the same
 * database neither fails nor duplicates; nodes that start at once take turns (the lock of {@code ft_setup_lock}'s
 * row, held until the set-up commits), so the second finds what the first created instead of creating it again.
 */
@Component
public class OrganizationSetup {

    record Team(String id, String name, String type) {
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
            new Team(INTEGRATIONS, "Integrations", GROUP_TYPE_SYSTEM),
            new Team(DEPLOYMENT_PIPELINE, "Deployment pipeline", GROUP_TYPE_SYSTEM));

    private final IdentityService identityService;
    private final ObjectProvider<DemoOrganization> demoPeople;
    private final GroupAuthorizations authorizations;
    private final TasklistFilters filters;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public OrganizationSetup(IdentityService identityService, ObjectProvider<DemoOrganization> demoPeople,
                             GroupAuthorizations authorizations, TasklistFilters filters, JdbcClient jdbc,
                             PlatformTransactionManager transactions) {
        this.identityService = identityService;
        this.demoPeople = demoPeople;
        this.authorizations = authorizations;
        this.filters = filters;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT name FROM ft_setup_lock WHERE name = 'organization' FOR UPDATE").query(String.class)
                    .single();
            // A directory the engine only reads (LDAP) brings its own groups, with these ids.
            if (!identityService.isReadOnly()) {
                TEAMS.forEach(this::ensureGroup);
            }
            demoPeople.ifAvailable(DemoOrganization::create);
            authorizations.grant();
            filters.create();
        });
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
}
