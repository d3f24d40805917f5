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
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.followthrough.AsTheApplication;
import com.followthrough.EngineClock;
import com.followthrough.RefusedEntryException;
import com.followthrough.api.ApiProblem;
import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;
import com.followthrough.vocabulary.Processes;

/**
 * A supervisor marks an agent absent: the absence is recorded and, in the same transaction, the agent's open tasks
 * that fall due while they are away (all of them once the absence has begun) go to the colleague named, or to the
 * queue of the case's team; a callback's promise records the colleague ({@code handed_to}) or the team whose queue
 * holds it ({@code handed_to_team}) as the task changes hands ({@link PromiseFollowsTheCallback}), so an update to the
 * customer names who calls now, and never a former holder.
 * Nothing else moves: the task keeps its case, form, due date and follow-up date, and the callback's timer keeps the
 * time promised to the customer. Tasks created for the agent later, while they are away
 * or before an absence ahead and due in it, are routed by the same rule by {@link AbsentAgentsWork}; what an absence
 * ahead left with the agent moves when it begins ({@link #atTheStartOfAbsences}).
 */
@Service
public class AbsenceHandOver {

    private final Absences absences;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final People people;
    private final EngineClock clock;
    private final AsTheApplication asTheApplication;
    private final TransactionTemplate transactions;

    public AbsenceHandOver(Absences absences, TaskService taskService, RuntimeService runtimeService, People people,
                           EngineClock clock, AsTheApplication asTheApplication,
                           PlatformTransactionManager transactionManager) {
        this.absences = absences;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.people = people;
        this.clock = clock;
        this.asTheApplication = asTheApplication;
        this.transactions = new TransactionTemplate(transactionManager);
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
        return asTheApplication.run(() -> {
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
                    move(task, handOverTo, team);
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

    /** Forgets the absence beginning at {@code startsAt} if ahead, ends it now if it goes on ({@link Absences#end}). */
    public boolean endAbsence(String user, Instant startsAt) {
        return absences.end(user, startsAt, clock.now());
    }

    /**
     * Hands over what an absence entered ahead left with the agent once it has begun (a task with no due date, or due
     * after the absence), by the rule for their new tasks: to the stand-in if they may take it
     * ({@link AbsentAgentsWork#mayStandIn}), else to the case team's queue. The entry would have moved it all had it
     * been made once the absence began; one made then did, except a task created for the agent at that very moment,
     * in a transaction that saw no absence yet (a customer's message to answer), which this moves now. Each absence is
     * marked handed over in the transaction that moves its work, so of two nodes only one moves it, and a failure
     * leaves it for the next run ({@link AbsencesBeginning}).
     */
    public List<HandedOver> atTheStartOfAbsences() {
        Instant now = clock.now();
        List<HandedOver> handedOver = new ArrayList<>();
        for (Absence absence : absences.begunNotHandedOver(now)) {
            handedOver.addAll(transactions.execute(status -> asTheApplication.run(() -> atTheStartOf(absence, now))));
        }
        return handedOver;
    }

    private List<HandedOver> atTheStartOf(Absence absence, Instant now) {
        if (!absences.markHandedOver(absence, now)) {
            return List.of();
        }
        List<HandedOver> handedOver = new ArrayList<>();
        for (Task task : taskService.createTaskQuery().taskAssignee(absence.user()).orderByDueDate().asc().list()) {
            String team = team(task);
            String standIn = absence.handOverTo();
            boolean toStandIn = AbsentAgentsWork.mayStandIn(standIn, team, now, task.getDueDate(), absences, people);
            move(task, toStandIn ? standIn : null, team);
            handedOver.add(new HandedOver(task.getId(), task.getName(), reference(task),
                    task.getDueDate() == null ? null : task.getDueDate().toInstant(), toStandIn ? standIn : null,
                    toStandIn ? null : team));
        }
        return handedOver;
    }

    /**
     * Whether a task of an agent absent in {@code [from, to)} goes to their stand-in, as the absence is entered and
     * as a task is created for them later: due while the agent is away; or, once the absence has begun, any open task
     * of theirs, with or without a due date. Work due before an absence ahead, or with no due date, stays with the
     * agent, who is still here to do it, until it begins ({@link #atTheStartOfAbsences}); nothing goes once the
     * absence is over.
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

    /**
     * To the stand-in, whom a callback's promise then names; with none, to the queue of the case's team, which the
     * promise then records instead of the person who held it (both as the assignee changes:
     * {@link PromiseFollowsTheCallback}). The queue is offered the task before it is unassigned, once, so the
     * promise names it and a callback offered to no group is not also put in a queue of its own by that listener.
     */
    private void move(Task task, String standIn, String team) {
        if (standIn != null) {
            taskService.setAssignee(task.getId(), standIn);
        } else {
            boolean offered = taskService.getIdentityLinksForTask(task.getId()).stream()
                    .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
                            && team.equals(link.getGroupId()));
            if (!offered) {
                taskService.addCandidateGroup(task.getId(), team);
            }
            taskService.setAssignee(task.getId(), null);
        }
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
