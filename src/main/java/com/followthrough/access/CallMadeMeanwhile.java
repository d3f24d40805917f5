package com.followthrough.access;

import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AgentTime;
import com.followthrough.AsTheApplication;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.ProblemResponse;
import com.followthrough.organization.People;
import com.followthrough.vocabulary.Processes;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A supervisor submits "Keep the promise at risk" (Tasklist, {@code /engine-rest} complete or submit-form) after the
 * call it asked for was made, which withdrew the step while her form was open: {@code 409} saying who made the call
 * and when, and that nothing she entered was saved; a new time she agreed with the customer ({@code newCallbackAt})
 * was promised to nobody, so she is told to pass it on to whoever made the call. The engine answered {@code 500}
 * ("Cannot find task"). Only for someone the step was offered to or assigned to; anyone else gets the engine's answer.
 */
class CallMadeMeanwhile extends OncePerRequestFilter {

    private static final Pattern SUBMITS = Pattern.compile("/task/([^/]+)/(complete|submit-form)");
    private static final String NEW_CALLBACK_AT = "newCallbackAt";

    private final ObjectProvider<ProcessEngine> engines;
    private final Function<HttpServletRequest, Optional<Authentication>> callers;
    private final ObjectMapper json;
    private final ZoneId supportZone;

    CallMadeMeanwhile(ObjectProvider<ProcessEngine> engines,
                      Function<HttpServletRequest, Optional<Authentication>> callers, ObjectMapper json,
                      ZoneId supportZone) {
        this.engines = engines;
        this.callers = callers;
        this.json = json;
        this.supportZone = supportZone;
    }

    /** The late call that was made: by whom and when. */
    private record Call(String by, String at) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher submit = SUBMITS.matcher(EngineRestRules.operationPath(request));
        Optional<Authentication> caller = "POST".equalsIgnoreCase(request.getMethod()) && submit.matches()
                ? callers.apply(request) : Optional.empty();
        Optional<Call> made = caller.flatMap(who -> callMadeMeanwhile(submit.group(1), who));
        if (made.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String detail = "The callback was made meanwhile, by " + made.get().by() + " at " + made.get().at() + ": this"
                + " step was withdrawn, as there is nothing left to make sure of, and nothing you entered was saved.";
        List<ApiProblem.FieldError> errors = List.of();
        if (newTimeSent(request)) {
            String notPromised = "The new time you agreed with the customer is not promised: no task is due then and"
                    + " the customer got nothing in writing. Tell " + made.get().by() + ", who made the call, so it is"
                    + " promised again";
            detail += " " + notPromised + " (" + NEW_CALLBACK_AT + ").";
            errors = List.of(new ApiProblem.FieldError(NEW_CALLBACK_AT, notPromised));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Call made already");
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        ProblemResponse.write(request, response, json, ProblemResponse.withCamundaMessage(problem));
    }

    /**
     * The call made, when {@code taskId} is a "Keep the promise at risk" that is gone without being completed (the
     * call withdrew it) and was offered or assigned to {@code caller}.
     */
    private Optional<Call> callMadeMeanwhile(String taskId, Authentication caller) {
        ProcessEngine engine = engines.getObject();
        return AsTheApplication.run(engine.getIdentityService(), () -> {
            if (engine.getTaskService().createTaskQuery().taskId(taskId).count() > 0) {
                return Optional.empty();
            }
            HistoryService history = engine.getHistoryService();
            HistoricTaskInstance step = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            if (step == null || step.getEndTime() == null || "completed".equals(step.getDeleteReason())
                    || !Processes.KEEP_PROMISE_AT_RISK.equals(step.getTaskDefinitionKey())
                    || !offeredTo(history, step, caller)) {
                return Optional.empty();
            }
            return history.createHistoricTaskInstanceQuery().processInstanceId(step.getProcessInstanceId())
                    .taskDefinitionKeyIn(Processes.CALLBACK_TASKS.toArray(String[]::new)).finished()
                    .orderByHistoricTaskInstanceEndTime().desc().list().stream()
                    .filter(call -> !call.getEndTime().after(step.getEndTime())).findFirst()
                    .map(call -> new Call(name(engine, call.getAssignee()),
                            AgentTime.readable(call.getEndTime().toInstant(), supportZone)));
        });
    }

    private static boolean offeredTo(HistoryService history, HistoricTaskInstance step, Authentication caller) {
        if (caller.getUserId().equals(step.getAssignee())) {
            return true;
        }
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        return history.createHistoricIdentityLinkLogQuery().taskId(step.getId())
                .type(IdentityLinkType.CANDIDATE).list().stream().map(HistoricIdentityLinkLog::getGroupId)
                .anyMatch(groups::contains);
    }

    private static String name(ProcessEngine engine, String userId) {
        if (userId == null) {
            return "a colleague";
        }
        User user = engine.getIdentityService().createUserQuery().userId(userId).singleResult();
        return user == null ? userId : People.named(user);
    }

    /** Whether the submission carries a new callback time ({@code variables.newCallbackAt.value}, not empty). */
    private boolean newTimeSent(HttpServletRequest request) throws IOException {
        try {
            JsonNode body = json.readTree(request.getInputStream());
            JsonNode value = body == null ? null : body.path("variables").path(NEW_CALLBACK_AT).path("value");
            return value != null && value.isTextual() && !value.asText().isBlank();
        } catch (IOException notJson) {
            return false;
        }
    }
}
