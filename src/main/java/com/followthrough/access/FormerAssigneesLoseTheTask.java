package com.followthrough.access;

import static org.camunda.bpm.engine.authorization.Resources.TASK;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.organization.GroupAuthorizations;

/**
 * A task that changes hands is no longer its former assignee's. Camunda's default grants the new assignee READ and
 * TASK_WORK on the task and takes nothing back, so after a supervisor's takeover of a late callback, an absent agent's
 * work handed over or a reassignment in Tasklist, the former assignee could still read and complete it over
 * /engine-rest. Here their grant on the task goes with the assignment, unless they keep a part in it: its owner (a
 * delegated task comes back to them) or a candidate user. What their groups may do stays.
 *
 * <p>The engine offers no public hook for this: the authorization provider is its documented extension point
 * ({@code resourceAuthorizationProvider}), and only reassignments reach the extra statements, not a task's creation.
 *
 * <p>The same provider leaves out the grant Camunda's default writes for a candidate group that may read and work
 * every task already ({@link GroupAuthorizations#WORK_EVERY_TASK}, the supervisors) or may do anything (the engine's
 * administrator groups, {@code camunda-admin}): that grant gave them nothing, and cost a select and an insert on every
 * escalation a timer brings them, the timer storm's firing among them (issue 16). A team's queue keeps its grant.
 */
@Component
public class FormerAssigneesLoseTheTask extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider());
    }

    static final class Provider extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
            if (oldAssignee != null && !oldAssignee.equals(newAssignee) && keepsNoPart(task, oldAssignee)) {
                Context.getCommandContext().getAuthorizationManager()
                        .deleteAuthorizationsByResourceIdAndUserId(TASK, task.getId(), oldAssignee);
            }
            return super.newTaskAssignee(task, oldAssignee, newAssignee);
        }

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String identityLinkType) {
            if (GroupAuthorizations.WORK_EVERY_TASK.contains(groupId)
                    || Context.getProcessEngineConfiguration().getAdminGroups().contains(groupId)) {
                return null;
            }
            return super.newTaskGroupIdentityLink(task, groupId, identityLinkType);
        }

        private static boolean keepsNoPart(Task task, String user) {
            if (user.equals(task.getOwner())) {
                return false;
            }
            return !(task instanceof TaskEntity entity) || entity.getIdentityLinks().stream()
                    .noneMatch(link -> user.equals(link.getUserId())
                            && IdentityLinkType.CANDIDATE.equals(link.getType()));
        }
    }
}
