package com.followthrough.access;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AsTheApplication;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.ProblemResponse;
import com.followthrough.organization.People;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A task someone has claimed, or was handed, is theirs to do: the customer hears from the one who holds it ("you,
 * you're the one that answered the phone"). Camunda grants every candidate of a task {@code TASK_WORK} on it and keeps
 * the grant when a colleague claims it, so a colleague of the same team could complete Anna's claimed task (submit its
 * form, resolve it) over {@code /engine-rest} or Tasklist's API, and her callback would be recorded as made by someone
 * who never called. Here such a {@code complete}, {@code submit-form} or {@code resolve} gets {@code 409} naming who
 * holds the task, and nothing changes. The one who holds it, its owner (a delegated task comes back to them), a
 * supervisor (who may take any task over) and an administrator act as the engine allows; so does anyone on a task
 * nobody holds (a queue task may be completed without claiming it), and anyone who may not see the task, whom the
 * engine refuses without naming anybody.
 */
class ClaimedTasksStayTheirs extends OncePerRequestFilter {

    private static final Pattern COMPLETES = Pattern.compile("/task/([^/]+)/(complete|submit-form|resolve)");

    private final ObjectProvider<ProcessEngine> engines;
    private final Function<HttpServletRequest, Optional<Authentication>> callers;
    private final ObjectMapper json;

    ClaimedTasksStayTheirs(ObjectProvider<ProcessEngine> engines,
                           Function<HttpServletRequest, Optional<Authentication>> callers, ObjectMapper json) {
        this.engines = engines;
        this.callers = callers;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher completes = COMPLETES.matcher(EngineRestRules.operationPath(request));
        Optional<Authentication> caller = EngineRestRules.agentPosting(request, completes, callers);
        Optional<Task> held = caller.flatMap(who -> heldByAnother(completes.group(1), who));
        if (held.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String holder = name(held.get().getAssignee());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, holder + " holds this task:"
                + " only they, or a supervisor who takes it over, can complete it; nothing you entered was saved. Ask"
                + " them or a supervisor to hand it to you.");
        problem.setTitle("Held by a colleague");
        problem.setProperty("taskId", held.get().getId());
        problem.setProperty("assignee", held.get().getAssignee());
        problem.setProperty("errors", List.of(new ApiProblem.FieldError("taskId", "is held by " + holder
                + ": only they, or a supervisor who takes it over, can complete it")));
        ProblemResponse.write(request, response, json, ProblemResponse.withCamundaMessage(problem));
    }

    /** The task, if the caller may see it and someone else holds it (neither its assignee nor its owner). */
    private Optional<Task> heldByAnother(String taskId, Authentication caller) {
        IdentityService identities = engines.getObject().getIdentityService();
        Task task = AsTheApplication.runAs(identities, caller,
                () -> engines.getObject().getTaskService().createTaskQuery().taskId(taskId).singleResult());
        return Optional.ofNullable(task).filter(seen -> seen.getAssignee() != null
                && !seen.getAssignee().equals(caller.getUserId()) && !caller.getUserId().equals(seen.getOwner()));
    }

    private String name(String userId) {
        IdentityService identities = engines.getObject().getIdentityService();
        User user = AsTheApplication.run(identities,
                () -> identities.createUserQuery().userId(userId).singleResult());
        return user == null ? userId : People.named(user);
    }
}
