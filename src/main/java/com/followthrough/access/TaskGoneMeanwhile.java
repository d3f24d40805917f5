package com.followthrough.access;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AgentTime;
import com.followthrough.AsTheApplication;
import com.followthrough.TaskActor;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.ProblemResponse;
import com.followthrough.organization.People;
import com.followthrough.vocabulary.Processes;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Someone acts on a task that is gone: a colleague completed it, or the process withdrew it (an interrupting event,
 * the call a "Keep the promise at risk" asked for), while she had it open in Tasklist. Any POST that acts on a task
 * ({@code complete}, {@code submit-form}, {@code claim}, {@code unclaim}, {@code assignee}, {@code delegate},
 * {@code resolve}; {@code /engine-rest} and Tasklist's API) then gets {@code 409} saying who did it (from the
 * history's operation log: not always the assignee) and when, or when and why it was withdrawn, and that nothing she
 * entered was saved; the engine answered {@code 500} ("Cannot find task"). Only someone it was offered or assigned
 * to (or an administrator) learns that; for anyone else, and for a task that never existed, it is {@code 404} naming
 * the task id. A "Keep the promise at risk" the call withdrew says
 * who made the call, and a new time the supervisor agreed with the customer ({@code newCallbackAt}) is named as
 * promised to nobody, for her to pass on to whoever made the call.
 */
class TaskGoneMeanwhile extends OncePerRequestFilter {

    private static final Pattern ACTS_ON_A_TASK =
            Pattern.compile("/task/([^/]+)/(complete|submit-form|claim|unclaim|assignee|delegate|resolve)");
    private static final String NOTHING_SAVED = "nothing you entered was saved";
    private static final String NEW_CALLBACK_AT = "newCallbackAt";

    private final ObjectProvider<ProcessEngine> engines;
    private final Function<HttpServletRequest, Optional<Authentication>> callers;
    private final ObjectMapper json;
    private final ZoneId supportZone;

    TaskGoneMeanwhile(ObjectProvider<ProcessEngine> engines,
                      Function<HttpServletRequest, Optional<Authentication>> callers, ObjectMapper json,
                      ZoneId supportZone) {
        this.engines = engines;
        this.callers = callers;
        this.json = json;
        this.supportZone = supportZone;
    }

    /** What became of a task that is not open: never there (for the caller), done, withdrawn, or its call made. */
    private sealed interface Gone {
    }

    private record NeverThere(String taskId) implements Gone {
    }

    private record Done(String by, String at) implements Gone {
    }

    private record Withdrawn(String at, Optional<String> why) implements Gone {
    }

    /** A "Keep the promise at risk" the call it asked for withdrew: by whom and when the call was made. */
    private record CallMade(String by, String at) implements Gone {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher action = ACTS_ON_A_TASK.matcher(EngineRestRules.operationPath(request));
        Optional<Authentication> caller = "POST".equalsIgnoreCase(request.getMethod()) && action.matches()
                ? callers.apply(request) : Optional.empty();
        Optional<Gone> gone = caller.flatMap(who -> gone(action.group(1), who));
        if (gone.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ProblemResponse.write(request, response, json, ProblemResponse.withCamundaMessage(problem(request,
                action.group(1), gone.get())));
    }

    private ProblemDetail problem(HttpServletRequest request, String taskId, Gone gone) throws IOException {
        if (gone instanceof NeverThere never) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no task "
                    + never.taskId() + " for you to work on: check the task id (taskId), or reload your tasks.");
            problem.setTitle("Not found");
            problem.setProperty("errors", List.of(new ApiProblem.FieldError("taskId",
                    "no task " + never.taskId() + " that you may see")));
            return problem;
        }
        if (gone instanceof Done done) {
            String what = "was done already, by " + done.by() + " at " + done.at();
            return conflict("Done already", "This step " + what + "; " + NOTHING_SAVED + ".", taskId, what);
        }
        if (gone instanceof Withdrawn withdrawn) {
            String what = "was withdrawn at " + withdrawn.at() + withdrawn.why().map(why -> " (" + why + ")")
                    .orElse("");
            return conflict("Withdrawn", "This step " + what + "; " + NOTHING_SAVED + ".", taskId, what);
        }
        return callMade(request, taskId, (CallMade) gone);
    }

    /** A {@code 409} naming the task in {@code errors}, as our other refusals name what they are about. */
    private static ProblemDetail conflict(String title, String detail, String taskId, String whatBecameOfIt,
                                          ApiProblem.FieldError... more) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle(title);
        problem.setProperty("taskId", taskId);
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        errors.add(new ApiProblem.FieldError("taskId", whatBecameOfIt + "; " + NOTHING_SAVED));
        errors.addAll(List.of(more));
        problem.setProperty("errors", errors);
        return problem;
    }

    private ProblemDetail callMade(HttpServletRequest request, String taskId, CallMade call) throws IOException {
        String what = "was withdrawn: the callback was made meanwhile, by " + call.by() + " at " + call.at();
        String detail = "The callback was made meanwhile, by " + call.by() + " at " + call.at() + ": this step was"
                + " withdrawn, as there is nothing left to make sure of, and " + NOTHING_SAVED + ".";
        if (!newTimeSent(request)) {
            return conflict("Call made already", detail, taskId, what);
        }
        String notPromised = "The new time you agreed with the customer is not promised: no task is due then and"
                + " the customer got nothing in writing. Tell " + call.by() + ", who made the call, so it is"
                + " promised again";
        return conflict("Call made already", detail + " " + notPromised + " (" + NEW_CALLBACK_AT + ").", taskId, what,
                new ApiProblem.FieldError(NEW_CALLBACK_AT, notPromised));
    }

    /** Empty while the task is open (or ending this moment): the engine answers for it. */
    private Optional<Gone> gone(String taskId, Authentication caller) {
        ProcessEngine engine = engines.getObject();
        return AsTheApplication.run(engine.getIdentityService(), () -> {
            if (engine.getTaskService().createTaskQuery().taskId(taskId).count() > 0) {
                return Optional.empty();
            }
            HistoryService history = engine.getHistoryService();
            HistoricTaskInstance step = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            if (step == null || !offeredTo(history, step, caller)) {
                return Optional.of(new NeverThere(taskId));
            }
            if (step.getEndTime() == null) {
                return Optional.empty();
            }
            String at = readable(step.getEndTime());
            if ("completed".equals(step.getDeleteReason())) {
                return Optional.of(new Done(name(engine, TaskActor.ofCompleted(history, step)), at));
            }
            Optional<Gone> callMade = Processes.KEEP_PROMISE_AT_RISK.equals(step.getTaskDefinitionKey())
                    ? callMade(engine, step) : Optional.empty();
            return callMade.or(() -> Optional.of(new Withdrawn(at, withdrawnBy(engine, step))));
        });
    }

    /** The call made before "Keep the promise at risk" ended, which withdrew it. */
    private Optional<Gone> callMade(ProcessEngine engine, HistoricTaskInstance step) {
        return engine.getHistoryService().createHistoricTaskInstanceQuery()
                .processInstanceId(step.getProcessInstanceId())
                .taskDefinitionKeyIn(Processes.CALLBACK_TASKS.toArray(String[]::new)).finished()
                .orderByHistoricTaskInstanceEndTime().desc().list().stream()
                .filter(call -> !call.getEndTime().after(step.getEndTime())).findFirst()
                .map(call -> new CallMade(name(engine, TaskActor.ofCompleted(engine.getHistoryService(), call)),
                        readable(call.getEndTime())));
    }


    /**
     * The name of the interrupting boundary event on the task or on a sub-process around it that ended it while it
     * was open ("Customer heard from us meanwhile"), if one did.
     */
    private static Optional<String> withdrawnBy(ProcessEngine engine, HistoricTaskInstance step) {
        HistoryService history = engine.getHistoryService();
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(step.getProcessInstanceId()).list();
        Set<String> scopesAround = new HashSet<>();
        Set<String> elementsAround = new HashSet<>();
        String scope = step.getActivityInstanceId();
        while (scope != null && scopesAround.add(scope)) {
            String current = scope;
            Optional<HistoricActivityInstance> instance = activities.stream()
                    .filter(activity -> activity.getId().equals(current)).findFirst();
            instance.ifPresent(around -> elementsAround.add(around.getActivityId()));
            scope = instance.map(HistoricActivityInstance::getParentActivityInstanceId).orElse(null);
        }
        var model = engine.getRepositoryService().getBpmnModelInstance(step.getProcessDefinitionId());
        return activities.stream()
                .filter(event -> event.getActivityName() != null && !event.getStartTime().before(step.getStartTime())
                        && !event.getStartTime().after(step.getEndTime()))
                .filter(event -> {
                    ModelElementInstance element = model.getModelElementById(event.getActivityId());
                    return element instanceof BoundaryEvent boundary && boundary.cancelActivity()
                            && boundary.getAttachedTo() != null
                            && elementsAround.contains(boundary.getAttachedTo().getId());
                })
                .max((one, other) -> one.getStartTime().compareTo(other.getStartTime()))
                .map(HistoricActivityInstance::getActivityName);
    }

    /**
     * Whether {@code caller} may learn what became of the task: it was assigned or offered to them (as a user or to a
     * group of theirs), or they are an administrator, who sees every task.
     */
    private static boolean offeredTo(HistoryService history, HistoricTaskInstance step, Authentication caller) {
        if (caller.getUserId().equals(step.getAssignee())) {
            return true;
        }
        if (EngineRestRules.administers(caller)) {
            return true;
        }
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        return history.createHistoricIdentityLinkLogQuery().taskId(step.getId()).list().stream()
                .anyMatch(link -> caller.getUserId().equals(link.getUserId()) || isCandidateGroupOf(link, groups));
    }

    private static boolean isCandidateGroupOf(HistoricIdentityLinkLog link, List<String> groups) {
        return link.getGroupId() != null && groups.contains(link.getGroupId());
    }

    private String readable(Date moment) {
        return AgentTime.readable(moment.toInstant(), supportZone);
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
