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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AsTheApplication;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.BodyReadAgain;
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
 *
 * <p>For the same reason an agent or a specialist claims a task for themselves only: the engine lets anyone with
 * {@code TASK_WORK} claim a task for any user, or for nobody, so Anna could hand a queue task to a colleague, even
 * one of another language team, and Tom could take Anna's claimed task away from her by claiming it for nobody. A
 * {@code claim} whose {@code userId} is not the caller gets {@code 403} naming {@code userId}, and nothing changes;
 * handing a task to someone is a supervisor's, giving one back is {@code unclaim} ({@link QueueTasksGoBack}).
 */
class ClaimedTasksStayTheirs extends OncePerRequestFilter {

    private static final Pattern COMPLETES = Pattern.compile("/task/([^/]+)/(complete|submit-form|resolve)");
    private static final Pattern CLAIMS = Pattern.compile("/task/([^/]+)/claim");

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
        Matcher claims = CLAIMS.matcher(EngineRestRules.operationPath(request));
        Optional<Authentication> claimer = EngineRestRules.agentPosting(request, claims, callers);
        if (claimer.isPresent()) {
            claimForOneself(request, response, chain, claims.group(1), claimer.get());
            return;
        }
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

    /**
     * Passes the claim on (with its body) when it names the caller; refuses it otherwise. No larger than the engine
     * APIs' limit, which their {@code RequestBodyLimit} has held before this filter.
     */
    private void claimForOneself(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                 String taskId, Authentication caller) throws IOException, ServletException {
        byte[] body = request.getInputStream().readAllBytes();
        String named;
        try {
            JsonNode userId = body.length == 0 ? null : json.readTree(body).get("userId");
            named = userId == null || userId.isNull() ? null : userId.asText();
        } catch (IOException notJson) {
            named = null;
        }
        if (caller.getUserId().equals(named)) {
            chain.doFilter(new BodyReadAgain(request, body), response);
            return;
        }
        String why = "You claim a task for yourself only (userId must be " + caller.getUserId() + "): a claim for "
                + (named == null ? "nobody would take it from whoever holds it" : named + " would hand it to them")
                + ", which a supervisor does; nothing changed. To give back a task you took, use Unclaim.";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, why);
        problem.setTitle("Claimed for someone else");
        problem.setProperty("taskId", taskId);
        problem.setProperty("errors", List.of(new ApiProblem.FieldError("userId", "must be " + caller.getUserId()
                + ", the one who claims")));
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
