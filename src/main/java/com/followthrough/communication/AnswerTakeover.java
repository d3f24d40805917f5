package com.followthrough.communication;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.RefusedEntryException;
import com.followthrough.TaskActor;
import com.followthrough.organization.People;
import com.followthrough.servicelevel.BreachWarnings;
import com.followthrough.servicelevel.CaseDeadlines;
import com.followthrough.servicelevel.FirstPersonalContact;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Answer the customer now": the customer was told who answers by {@code answerDueAt}, that time has passed, and a
 * supervisor keeps the promise (issue 12, item 2). Its form offers the colleagues who may answer (the case's team and
 * the supervisors, read when the form is read: {@link People#colleaguesIn}). On complete the supervisor's choice is
 * recorded ({@code answerTakenOverBy}, {@code whoAnswers}, {@code answerHandedTo}): either they answer themselves (the
 * model sends their reply and ends the owner's task with it, so the customer gets one answer), or the owner's open
 * "Answer the customer" task moves to the colleague they picked. The time the customer was given has passed, and they
 * are told no new one: the colleague's task is due within the plan's next-reply target from the hand-over
 * ({@code colleagueAnswerDueAt}), where timer "Colleague's answer due" brings the supervisors in again. The
 * administrators' "Answer the customer at once" (supervisors late) is the same choice with {@code whoAnswers} fixed to
 * {@code myself} by the model: their answer is checked and recorded here too.
 */
@Component("answerTakeover")
public class AnswerTakeover implements TaskListener {

    static final String MYSELF = "myself";
    static final String COLLEAGUE = "colleague";
    private static final String ANSWER_TASK = "Task_AnswerCustomerMessage";
    private static final String COLLEAGUE_ANSWER_DUE = "Event_ColleagueAnswerDue";

    private final People people;
    private final FirstPersonalContact firstPersonalContact;
    private final CaseDeadlines deadlines;
    private final BreachWarnings breachWarnings;

    public AnswerTakeover(People people, FirstPersonalContact firstPersonalContact, CaseDeadlines deadlines,
                          BreachWarnings breachWarnings) {
        this.people = people;
        this.firstPersonalContact = firstPersonalContact;
        this.deadlines = deadlines;
        this.breachWarnings = breachWarnings;
    }

    /**
     * On complete only. Versions of the model before issue 16's change also call it on create, when it put the
     * colleagues on the task: the form reads them now ({@link People#COLLEAGUES}), so that does nothing.
     */
    @Override
    public void notify(DelegateTask task) {
        if (!EVENTNAME_COMPLETE.equals(task.getEventName())) {
            return;
        }
        String supervisor = TaskActor.of(task);
        switch (CaseVariables.text(task, "whoAnswers")) {
            case MYSELF -> {
                if (CaseVariables.text(task, "replyText").isBlank()) {
                    throw RefusedEntryException.naming("replyText", "write your answer to the customer");
                }
                firstPersonalContact.made(task.getExecution());
            }
            case COLLEAGUE -> {
                String colleague = colleague(CaseVariables.text(task, "colleague"), CaseVariable.TEAM.text(task));
                // The supervisor holds this step; the owner's answer task is found and moved by this step's rule.
                Context.getCommandContext().runWithoutAuthorization(() -> {
                    handOver(task, colleague);
                    return null;
                });
                task.getExecution().setVariable("answerHandedTo", colleague);
            }
            default -> throw RefusedEntryException.naming("whoAnswers", "choose whether you answer the customer"
                    + " yourself or hand the answer to a colleague");
        }
        task.getExecution().setVariable("answerTakenOverBy", supervisor);
    }

    /** The owner's "Answer the customer" in the same "Customer wrote in" as this task: another message has its own. */
    private void handOver(DelegateTask task, String colleague) {
        ProcessEngineServices engine = task.getProcessEngineServices();
        ActivityInstance tree = engine.getRuntimeService().getActivityInstance(task.getProcessInstanceId());
        Optional<ActivityInstance> wroteIn = parentOf(tree, task.getExecution().getActivityInstanceId());
        Optional<ActivityInstance> answering = wroteIn.flatMap(scope -> List.of(scope.getChildActivityInstances())
                .stream().filter(child -> ANSWER_TASK.equals(child.getActivityId())).findFirst());
        // A model version without the timer keeps the task due at the time the customer was given, as it says.
        boolean timed = task.getBpmnModelElementInstance().getModelInstance()
                .getModelElementById(COLLEAGUE_ANSWER_DUE) != null;
        Date due = timed ? deadlines.after(AttachCustomerMessageDelegate.nextReplyTarget(task.getExecution()),
                CaseVariable.PLAN.get(task.getExecution())) : null;
        if (timed) {
            // Read once, by the timer this hand-over reaches in the same transaction: another message's hand-over may
            // set it again later without moving this one.
            CaseVariable.COLLEAGUE_ANSWER_DUE_AT.set(task.getExecution(), due);
        }
        if (answering.isEmpty()) {
            return; // answered meanwhile
        }
        Task answer = engine.getTaskService().createTaskQuery()
                .executionId(answering.get().getExecutionIds()[0]).taskDefinitionKey(ANSWER_TASK).singleResult();
        if (answer != null) {
            answer.setAssignee(colleague);
            if (timed) {
                // The colleague's own clock: flagged "About to breach" on the way to the new time, not since the old.
                answer.setDueDate(due);
                Instant handedOverAt = deadlines.now().toInstant();
                answer.setFollowUpDate(Date.from(breachWarnings.followUp(handedOverAt, due.toInstant(),
                        CaseVariable.PLAN.get(task.getExecution()))));
            }
            engine.getTaskService().saveTask(answer);
        }
    }

    private static Optional<ActivityInstance> parentOf(ActivityInstance scope, String activityInstanceId) {
        for (ActivityInstance child : scope.getChildActivityInstances()) {
            if (child.getId().equals(activityInstanceId)) {
                return Optional.of(scope);
            }
            Optional<ActivityInstance> found = parentOf(child, activityInstanceId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private String colleague(String userId, String team) {
        if (userId.isBlank()) {
            throw RefusedEntryException.naming("colleague", "pick the colleague who answers the customer");
        }
        people.whyNotAColleagueIn(team, userId).ifPresent(refusal -> {
            throw RefusedEntryException.naming("colleague", refusal);
        });
        return userId;
    }
}
