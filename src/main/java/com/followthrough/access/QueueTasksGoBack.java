package com.followthrough.access;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AsTheApplication;
import com.followthrough.ConcurrentChange;
import com.followthrough.ConcurrentChangesOverRest;
import com.followthrough.api.ApiErrors;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.ProblemResponse;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.organization.TeamQueue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An agent or specialist who took a task from a queue gives it back there: Tasklist's unclaim, or {@code POST
 * /task/{id}/unclaim}. Camunda counts unclaiming as an assignment ({@code TASK_ASSIGN}), which would let them hand any
 * task they see to anyone, so they hold no such grant; this lets the assignee alone put a task back into a queue of
 * hers (a candidate group she belongs to; she took it from there, or it was handed to her, as an absent colleague's
 * work), where a colleague can take it, its due date and timers unchanged. A task handed to her directly, offered to
 * no group (a callback she stands in for: every callback is created assigned to its caller), goes to the case team's
 * queue if it is hers, never to nobody's list ({@link #queueOf}). A task
 * of a case she owns stays hers: the customer knows her as their contact, and a supervisor hands it over. Everything
 * else (someone else's task, a task without a queue of hers, a supervisor's or an administrator's unclaim) is the
 * engine's to allow or refuse.
 *
 * <p>The offer to the queue and the unclaim are one transaction: when the engine refuses either (a colleague or a
 * timer changed the task at the same moment, a grant is missing), nothing of it stays, and she is told why as on the
 * rest of Camunda's API: a task done or withdrawn meanwhile as {@link TaskGoneMeanwhile} tells it ({@code 409}, who
 * and when), a change met as {@link ConcurrentChangesOverRest} does ({@code 409}, try again), a missing grant
 * {@code 403}; each names the task. They escaped as a {@code 500} with no body.
 */
class QueueTasksGoBack extends OncePerRequestFilter {

    private static final Pattern UNCLAIMS = Pattern.compile("/task/([^/]+)/unclaim");

    private final ObjectProvider<ProcessEngine> engines;
    private final ObjectProvider<PlatformTransactionManager> transactions;
    private final Function<HttpServletRequest, Optional<Authentication>> callers;
    private final ObjectMapper json;

    QueueTasksGoBack(ObjectProvider<ProcessEngine> engines, ObjectProvider<PlatformTransactionManager> transactions,
                     Function<HttpServletRequest, Optional<Authentication>> callers, ObjectMapper json) {
        this.engines = engines;
        this.transactions = transactions;
        this.callers = callers;
        this.json = json;
    }

    private enum Verdict { ENGINE_DECIDES, GIVEN_BACK, OWNERS_TASK }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher unclaim = UNCLAIMS.matcher(EngineRestRules.operationPath(request));
        Optional<Authentication> caller = EngineRestRules.agentPosting(request, unclaim, callers);
        Verdict verdict;
        try {
            verdict = caller.isEmpty() ? Verdict.ENGINE_DECIDES : giveBack(unclaim.group(1), caller.get());
        } catch (RuntimeException refused) {
            Optional<ProblemDetail> problem = refusal(unclaim.group(1), refused);
            if (problem.isEmpty()) {
                chain.doFilter(request, response);
            } else {
                ProblemResponse.write(request, response, json, ProblemResponse.withCamundaMessage(problem.get()));
            }
            return;
        }
        switch (verdict) {
            case ENGINE_DECIDES -> chain.doFilter(request, response);
            case GIVEN_BACK -> response.setStatus(HttpStatus.NO_CONTENT.value());
            case OWNERS_TASK -> ProblemResponse.write(request, response, json, ProblemResponse.withCamundaMessage(
                    ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This task stays yours: you are the"
                            + " customer's contact on this case. A supervisor can hand it to a colleague if you cannot"
                            + " do it.")));
        }
    }

    /** What to do with an unclaim, and the queue to offer the task first (null when it is in a queue already). */
    private record Decision(Verdict verdict, String offerTo) {

        static final Decision ENGINE = new Decision(Verdict.ENGINE_DECIDES, null);
    }

    private Verdict giveBack(String taskId, Authentication caller) {
        ProcessEngine engine = engines.getObject();
        IdentityService identities = engine.getIdentityService();
        Decision decision = AsTheApplication.run(identities, () -> {
            Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
            if (task == null || !caller.getUserId().equals(task.getAssignee())) {
                return Decision.ENGINE;
            }
            Optional<Decision> toHerQueue = queueOf(engine, task, caller);
            if (toHerQueue.isEmpty()) {
                return Decision.ENGINE;
            }
            Object owner = task.getProcessInstanceId() == null ? null : engine.getRuntimeService()
                    .getVariable(task.getProcessInstanceId(), CaseVariable.OWNER.name());
            return caller.getUserId().equals(owner) ? new Decision(Verdict.OWNERS_TASK, null) : toHerQueue.get();
        });
        if (decision.verdict() == Verdict.GIVEN_BACK) {
            new TransactionTemplate(transactions.getObject()).executeWithoutResult(together -> {
                if (decision.offerTo() != null) {
                    // Offering a task to a group is not hers to do (no TASK_ASSIGN); the queue is the one it goes to.
                    AsTheApplication.run(identities, () -> {
                        engine.getTaskService().addCandidateGroup(taskId, decision.offerTo());
                        return null;
                    });
                }
                // Claiming for nobody is work on the task (TASK_WORK), which the assignee holds; the engine checks it.
                AsTheApplication.runAs(identities, caller, () -> {
                    engine.getTaskService().claim(taskId, null);
                    return null;
                });
            });
        }
        return decision.verdict();
    }

    /**
     * The answer to a give-back the engine refused, all of it rolled back: none for a task that is gone now (done or
     * withdrawn meanwhile; the next filter, {@link TaskGoneMeanwhile}, says by whom and when), else a change met or a
     * grant missing. Any other failure is not a refusal, and is thrown on.
     */
    private Optional<ProblemDetail> refusal(String taskId, RuntimeException refused) {
        ProcessEngine engine = engines.getObject();
        boolean open = AsTheApplication.run(engine.getIdentityService(),
                () -> engine.getTaskService().createTaskQuery().taskId(taskId).count() > 0);
        ProblemDetail problem;
        if (!open) {
            return Optional.empty();
        } else if (ConcurrentChange.causedIt(refused)) {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    ConcurrentChangesOverRest.CHANGED_MEANWHILE);
            problem.setTitle("Changed meanwhile");
            problem.setProperty("errors", List.of(new ApiProblem.FieldError("taskId",
                    "was changed at the same moment by someone else; nothing was saved: reload it and try again")));
        } else if (refused instanceof AuthorizationException denied) {
            problem = ApiErrors.notAllowed(denied);
        } else {
            throw refused;
        }
        problem.setProperty("taskId", taskId);
        return Optional.of(problem);
    }

    /**
     * The queue of hers the task goes back to: one it is offered to (she took it from there), or, offered to none
     * (handed to her directly: a callback, created assigned to its caller, or an absent colleague's work), the case
     * team's ({@link TeamQueue}) if she is of that team. A task in no queue of hers stays with her: given back, it
     * would be in nobody's list, or in a queue she does not work in.
     */
    private static Optional<Decision> queueOf(ProcessEngine engine, Task task, Authentication caller) {
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        List<String> offered = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
        if (offered.stream().anyMatch(groups::contains)) {
            return Optional.of(new Decision(Verdict.GIVEN_BACK, null));
        }
        if (!offered.isEmpty() || task.getExecutionId() == null) {
            return Optional.empty();
        }
        String team = TeamQueue.of(offered, engine.getRuntimeService().getVariable(task.getExecutionId(),
                CaseVariable.TEAM.name())).group();
        return groups.contains(team) ? Optional.of(new Decision(Verdict.GIVEN_BACK, team)) : Optional.empty();
    }
}
