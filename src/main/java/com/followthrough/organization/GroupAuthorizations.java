package com.followthrough.organization;

import static com.followthrough.organization.SupportGroups.AGENTS;
import static com.followthrough.organization.SupportGroups.ANALYSTS;
import static com.followthrough.organization.SupportGroups.DEPLOYMENT_PIPELINE;
import static com.followthrough.organization.SupportGroups.DESIGNERS;
import static com.followthrough.organization.SupportGroups.INTEGRATIONS;
import static com.followthrough.organization.SupportGroups.SPECIALISTS;
import static com.followthrough.organization.SupportGroups.SUPERVISORS;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;
import static org.camunda.bpm.engine.authorization.Resources.USER;
import static org.camunda.bpm.engine.authorization.TaskPermissions.TASK_ASSIGN;
import static org.camunda.bpm.engine.authorization.TaskPermissions.TASK_WORK;

import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.Processes;

/**
 * What each group of the organization may do in the engine (engine authorizations are enabled), in every profile:
 * a person an operator adds to a group may do its work at once. camunda-admin gets ALL on
 * everything from the starter's admin user. Agents and specialists need no task grant: the engine grants
 * candidates and assignees READ and TASK_WORK on their tasks when a task is created or assigned
 * ({@code defaultUserPermissionNameForTask} in application.yaml): claim and complete, not set variables, rename or
 * change candidates. The intake systems (integrations) get no engine grant at all: the intake endpoints of /api run
 * as the application for them ({@code access.IntakeEndpoint}); they read no user or group
 * ({@code access.EngineRestRules}).
 * Filter READ grants live with the filters in {@link TasklistFilters}. Designers deploy from Camunda Modeler in the
 * demo and on staging, never in production (docs/security.md).
 */
@Component
public class GroupAuthorizations {

    static final String TASKLIST = "tasklist";
    static final String COCKPIT = "cockpit";

    private final AuthorizationGrants grants;
    private final Environment environment;

    public GroupAuthorizations(AuthorizationGrants grants, Environment environment) {
        this.grants = grants;
        this.environment = environment;
    }

    public void grant() {
        caseWorkers(AGENTS);
        caseWorkers(SPECIALISTS);
        supervisors();
        analysts();
        designers();
        deploymentPipeline();
        withdrawOutdated();
    }

    /** Grants of earlier versions that least privilege took away, removed from a database that still has them. */
    private void withdrawOutdated() {
        grants.revoke(INTEGRATIONS, PROCESS_DEFINITION, Processes.SUPPORT_CASE);
        grants.revoke(INTEGRATIONS, PROCESS_DEFINITION, Processes.KEEP_PROMISE);
        grants.revoke(INTEGRATIONS, PROCESS_INSTANCE, ANY);
        grants.revoke(SUPERVISORS, TASK, ANY, UPDATE);
    }

    /** Work their tasks in Tasklist and open a new case from its start form. */
    private void caseWorkers(String group) {
        grants.grant(group, APPLICATION, TASKLIST, ACCESS);
        grants.grant(group, PROCESS_DEFINITION, Processes.SUPPORT_CASE, READ, CREATE_INSTANCE);
        // Callback tasks run in KeepPromise: reading its definition lets Tasklist show the process name and diagram.
        grants.grant(group, PROCESS_DEFINITION, Processes.KEEP_PROMISE, READ);
        // The owner reads a survey comment in CustomerFeedback ("we read every comment"): the same, for that task.
        grants.grant(group, PROCESS_DEFINITION, Processes.CUSTOMER_FEEDBACK, READ);
        grants.grant(group, PROCESS_INSTANCE, ANY, CREATE);
        directoryReader(group);
    }

    /**
     * The groups that may read and work every task by the grants here, so a task offered to them needs no grant of its
     * own for them ({@code access.FormerAssigneesLoseTheTask}).
     */
    public static final Set<String> WORK_EVERY_TASK = Set.of(SUPERVISORS);

    /** Work and reassign every task, follow every case in Cockpit. */
    private void supervisors() {
        grants.grant(SUPERVISORS, APPLICATION, TASKLIST, ACCESS);
        grants.grant(SUPERVISORS, APPLICATION, COCKPIT, ACCESS);
        // Work any task and hand it to someone else (assignee, candidates), but no raw variable writes or renames.
        grants.grant(SUPERVISORS, TASK, ANY, READ, TASK_WORK, TASK_ASSIGN);
        grants.grant(SUPERVISORS, PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_HISTORY);
        grants.grant(SUPERVISORS, PROCESS_INSTANCE, ANY, READ);
        grants.grant(SUPERVISORS, DECISION_DEFINITION, ANY, READ, READ_HISTORY);
        directoryReader(SUPERVISORS);
    }

    /** Cockpit, read-only: no UPDATE, CREATE or DELETE anywhere. Names instead of ids in the support insights. */
    private void analysts() {
        grants.grant(ANALYSTS, APPLICATION, COCKPIT, ACCESS);
        grants.grant(ANALYSTS, PROCESS_DEFINITION, ANY, READ, READ_HISTORY);
        grants.grant(ANALYSTS, PROCESS_INSTANCE, ANY, READ);
        grants.grant(ANALYSTS, DEPLOYMENT, ANY, READ);
        grants.grant(ANALYSTS, DECISION_DEFINITION, ANY, READ, READ_HISTORY);
        directoryReader(ANALYSTS);
    }

    /** Cockpit, and deploying models from Camunda Modeler through /engine-rest outside production. */
    private void designers() {
        grants.grant(DESIGNERS, APPLICATION, COCKPIT, ACCESS);
        grants.grant(DESIGNERS, DEPLOYMENT, ANY, READ);
        grants.grant(DESIGNERS, PROCESS_DEFINITION, ANY, READ);
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            // Taken back from a database a start without the profile set up first (docs/operations.md, PostgreSQL).
            grants.revoke(DESIGNERS, DEPLOYMENT, ANY, CREATE);
        } else {
            grants.grant(DESIGNERS, DEPLOYMENT, ANY, CREATE);
        }
    }

    /**
     * Deploys the reviewed models, in every profile; in production, with the administrators, the only ones
     * ({@code follow-through.security.deployer-groups}). Without this grant the pipeline's user was refused by the
     * engine, and only an administrator could deploy.
     */
    private void deploymentPipeline() {
        grants.grant(DEPLOYMENT_PIPELINE, DEPLOYMENT, ANY, READ, CREATE);
        grants.grant(DEPLOYMENT_PIPELINE, PROCESS_DEFINITION, ANY, READ);
    }

    /**
     * Tasklist shows names instead of ids for assignees and candidate groups. READ on a user is its whole profile,
     * the e-mail address too: the engine has no grant for the names alone (docs/security.md, the directory).
     */
    private void directoryReader(String group) {
        grants.grant(group, USER, ANY, READ);
        grants.grant(group, GROUP, ANY, READ);
    }
}
