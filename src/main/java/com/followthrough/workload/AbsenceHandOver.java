package com.followthrough.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.followthrough.EngineClock;
import com.followthrough.RefusedEntryException;
import com.followthrough.api.ApiProblem;
import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * A supervisor marks an agent absent: the absence is recorded and, in the same transaction, the agent's open tasks
 * that fall due while they are away (all of them once the absence has begun) go to the colleague named, or to the
 * queue of the case's team; a callback's promise records the colleague ({@code handed_to}), so an update to the
 * customer names who calls now. Nothing else moves: the task keeps its case, form, due date and follow-up date, and the
 * callback's timer keeps the time promised to the customer. Tasks created for the agent later, while they are away
 * or before an absence ahead and due in it, are routed by the same rule by {@link AbsentAgentsWork}.
 */
@Service
public class AbsenceHandOver {

    private final Absences absences;
    private final Promises promises;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final People people;
    private final EngineClock clock;
    private final EngineAsTheRule asTheRule;

    public AbsenceHandOver(Absences absences, Promises promises, TaskService taskService, RuntimeService runtimeService, People people,
                           EngineClock clock, EngineAsTheRule asTheRule) {
        this.absences = absences;
        this.promises = promises;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.people = people;
        this.clock = clock;
        this.asTheRule = asTheRule;
    }

    /** One task that changed hands: to {@code to}, or to the queue of {@code queue} when {@code to} is null. */
    public record HandedOver(String taskId, String taskName, String caseReference, Instant dueAt, String to,
                             String queue) {
    }

    public record Recorded(String user, Instant from, Instant to, String handOverTo, List<HandedOver> handedOver) {
    }

    /** The checks that need the engine (the colleague's team and absence) refuse with 400 before anything changes. */
    @Transactional
    public Recorded markAbsent(String user, Instant from, Instant to, String handOverTo, String supervisor) {
        return asTheRule.run(() -> {
            Instant now = clock.now();
            if (handOverTo != null) {
                for (Absence theirs : absences.of(handOverTo)) {
                    if (theirs.overlaps(from, to)) {
                        throw ApiProblem.invalid("handOverTo", handOverTo + " is away too, from " + theirs.startsAt()
                                + " until " + theirs.endsAt() + ": name a colleague who is here, or leave it out for"
                                + " the team queue");
                    }
                }
            }
            List<Task> due = taskService.createTaskQuery().taskAssignee(user).orderByDueDate().asc().list().stream()
                    .filter(task -> fallsDueWhileAway(task.getDueDate(), from, to, now)).toList();
            for (Task task : due) {
                String team = team(task);
                if (handOverTo != null && !people.isColleagueIn(team, handOverTo)) {
                    throw ApiProblem.invalid("handOverTo", handOverTo + " is not in " + team + ", the team of case "
                            + reference(task) + " (" + task.getName() + "), nor a supervisor: they may not speak the"
                            + " customer's language. Name a colleague of that team, or leave it out for the team queue");
                }
            }
            absences.save(new Absence(user, from, to, handOverTo, supervisor, now));
            List<HandedOver> handedOver = new ArrayList<>();
            for (Task task : due) {
                String team = team(task);
                try {
                    if (handOverTo != null) {
                        taskService.setAssignee(task.getId(), handOverTo);
                        promiseOf(task.getTaskDefinitionKey(),
                                () -> runtimeService.getVariable(task.getExecutionId(), "promiseId"))
                                .ifPresent(promise -> promises.handOver(promise, handOverTo));
                    } else {
                        toQueue(task.getId(), team);
                    }
                } catch (RefusedEntryException refused) {
                    throw ApiProblem.invalid("handOverTo", refused.getMessage());
                }
                handedOver.add(new HandedOver(task.getId(), task.getName(), reference(task),
                        task.getDueDate() == null ? null : task.getDueDate().toInstant(), handOverTo,
                        handOverTo == null ? team : null));
            }
            return new Recorded(user, from, to, handOverTo, handedOver);
        });
    }

    /**
     * Whether a task of an agent absent in {@code [from, to)} goes to their stand-in, as the absence is entered and
     * as a task is created for them later: due while the agent is away; or, once the absence has begun, any open task
     * of theirs, with or without a due date. Work due before an absence ahead, or with no due date, stays with the
     * agent, who is still here to do it; nothing goes once the absence is over.
     */
    static boolean fallsDueWhileAway(Date dueDate, Instant from, Instant to, Instant now) {
        if (!now.isBefore(to)) {
            return false;
        }
        if (!from.isAfter(now)) {
            return true;
        }
        Instant due = dueDate == null ? null : dueDate.toInstant();
        return due != null && !due.isBefore(from) && due.isBefore(to);
    }

    /** The open promise a callback task keeps (its KeepPromise's {@code promiseId}); other tasks keep none. */
    static Optional<Long> promiseOf(String taskDefinitionKey, Supplier<Object> promiseId) {
        if (!Processes.CALLBACK_TASKS.contains(taskDefinitionKey)) {
            return Optional.empty();
        }
        return promiseId.get() instanceof Number number ? Optional.of(number.longValue()) : Optional.empty();
    }

    private void toQueue(String taskId, String team) {
        taskService.setAssignee(taskId, null);
        taskService.addCandidateGroup(taskId, team);
    }

    /** The case's team ({@code team}, from team routing); a task of no team goes to the supervisors. */
    private String team(Task task) {
        Object team = runtimeService.getVariable(task.getExecutionId(), "team");
        return team == null ? SupportGroups.SUPERVISORS : team.toString();
    }

    private String reference(Task task) {
        if (task.getProcessInstanceId() == null) {
            return "";
        }
        var instance = runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        return instance == null ? "" : Objects.toString(instance.getBusinessKey(), "");
    }
}
