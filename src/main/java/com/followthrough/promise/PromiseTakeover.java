package com.followthrough.promise;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;
import com.followthrough.TaskActor;
import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;
import com.followthrough.servicelevel.BusinessCalendar;
import com.followthrough.servicelevel.BusinessCalendars;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Processes;

/**
 * "Keep the promise at risk": the supervisor takes over the callback that is late, in one step (W5 "keep your word").
 * A step of KeepPromise beside the late callback, so a callback made meanwhile ends the promise and withdraws the step.
 * Its form offers the colleagues who may take the callback (the case's team and the supervisors, read when the form
 * is read: {@link People#colleaguesIn}). On complete, the open callback task of the KeepPromise is reassigned to
 * the supervisor ({@code takeover = myself}) or to the colleague they picked ({@code takeover = colleague}), in the
 * same transaction; later attempts of the same promise go to them too, and the promise records who took it over.
 * The promised time has passed: the caller has one retry wait of the plan's working hours to call (the time a call
 * after a voicemail gets), the callback is due then ({@code handedOverCallDueAt}), and KeepPromise's timer
 * "Handed-over call due" brings the supervisors in again while {@code callbackHandedOver} says the call is still
 * to be made ("Record the callback made" clears it). Unless the supervisor agreed a new time with the customer
 * ({@code newCallbackAt}): then that time is a new promise, kept by the caller and timed like the first. A caller
 * who is a supervisor ({@code callbackHeldBySupervisor}) is not chased by her peers when the call is late again: the
 * next "Keep the promise at risk" is offered to the administrators.
 */
@Component("promiseTakeover")
public class PromiseTakeover implements TaskListener {

    static final String MYSELF = "myself";
    static final String COLLEAGUE = "colleague";
    static final String NEW_CALLBACK_AT = "newCallbackAt";
    private static final String TAKEOVER = "takeover";
    private static final String SUPERVISOR_ACTION = CaseVariable.SUPERVISOR_ACTION.name();
    private static final String COLLEAGUE_FIELD = "colleague";
    static final String NEW_TIME_AGREED = "Message_NewCallbackTimeAgreed";
    private static final String HANDED_OVER_CALL_DUE = "Event_HandedOverCallDue";

    private final People people;
    private final Promises promises;
    private final EngineClock clock;
    private final SupportProperties properties;
    private final BusinessCalendars calendars;
    private final WhatSupervisorsDid whatSupervisorsDid;

    public PromiseTakeover(People people, Promises promises, EngineClock clock, SupportProperties properties,
                           BusinessCalendars calendars, WhatSupervisorsDid whatSupervisorsDid) {
        this.people = people;
        this.promises = promises;
        this.clock = clock;
        this.properties = properties;
        this.calendars = calendars;
        this.whatSupervisorsDid = whatSupervisorsDid;
    }

    /**
     * On complete only. Versions of the model before issue 16's change also call it on create, when it put the
     * colleagues on the task: the form reads them now ({@link People#COLLEAGUES}), so that does nothing.
     */
    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            takeOver(task);
        }
    }

    private void takeOver(DelegateTask task) {
        if (CaseVariables.text(task, SUPERVISOR_ACTION).isBlank()) {
            throw new InvalidPromiseException(SUPERVISOR_ACTION, "Say what you did or will do to keep the promise ("
                    + SUPERVISOR_ACTION + "): the case keeps it for the owner and for anyone the customer talks to"
                    + " next");
        }
        // Kept there: the case that made the promise gets it too, so the owner's next step shows it (a customer who
        // told her what the case waited for has answered: CallEndsTheWait), not only this promise's own forms; after
        // what earlier supervisors' steps did, which it does not replace.
        DelegateExecution keepPromise = task.getExecution().getProcessInstance();
        whatSupervisorsDid.record(task, keepPromise);
        DelegateExecution madeThePromise = keepPromise.getSuperExecution();
        if (madeThePromise != null) {
            whatSupervisorsDid.record(task, madeThePromise);
            CaseVariable.SUPERVISOR_ACTION.set(madeThePromise, CaseVariables.text(task, SUPERVISOR_ACTION));
        }
        // The supervisor holds this step; the callback belongs to the owner's KeepPromise, and finding and reassigning
        // it is this step's rule, not a grant a supervisor needs on every callback (nor a filter on what they see).
        Context.getCommandContext().runWithoutAuthorization(() -> {
            reassignOpenCallback(task);
            return null;
        });
    }

    private void reassignOpenCallback(DelegateTask task) {
        ProcessEngineServices engine = task.getProcessEngineServices();
        String keeping = keepingPromise(task);
        if (keeping == null) {
            return; // an earlier version's step outlived its promise
        }
        CaseVariable.CALLBACK_HANDED_OVER.set(engine.getRuntimeService(), keeping, false);
        // On the latest version the late call is open while this step is: the call made withdraws the step. On an
        // earlier one the step outlived the call (a voicemail, the wait to call again, the decision whether to keep
        // trying): the takeover then holds for the next attempt.
        Task callback = engine.getTaskService().createTaskQuery()
                .processInstanceId(keeping).taskDefinitionKeyIn(Processes.CALLBACK_TASKS.toArray(String[]::new))
                .singleResult();
        String supervisor = TaskActor.of(task);
        String caller = switch (CaseVariables.text(task, TAKEOVER)) {
            case MYSELF -> supervisor;
            case COLLEAGUE -> colleague(CaseVariables.text(task, COLLEAGUE_FIELD), CaseVariable.TEAM.text(task));
            default -> throw new InvalidPromiseException(TAKEOVER, "The callback is still owed: choose whether you"
                    + " call the customer yourself or hand the callback to a colleague (" + TAKEOVER + ")");
        };
        // The takeover records who calls now before the callback changes hands, so the promise names them already
        // when the reassignment reaches PromiseFollowsTheCallback, which then records nothing again.
        Number promiseId = (Number) engine.getRuntimeService().getVariable(keeping, "promiseId");
        promises.takeOver(promiseId.longValue(), supervisor, caller, clock.now());
        if (callback != null) {
            engine.getTaskService().setAssignee(callback.getId(), caller);
        }
        CaseVariable.OWNER.set(engine.getRuntimeService(), keeping, caller);
        // A supervisor's own late call is not chased by her peers: late again, it goes to the administrators.
        CaseVariable.CALLBACK_HELD_BY_SUPERVISOR.set(engine.getRuntimeService(), keeping,
                people.isMember(caller, SupportGroups.SUPERVISORS));
        task.getExecution().setVariable("callbackTakenOverBy", supervisor);
        task.getExecution().setVariable("callbackHandedTo", caller);
        Object newTime = task.getVariable(NEW_CALLBACK_AT);
        if (newTime != null && !newTime.toString().isBlank()) {
            // A new time told to the customer is a new promise: KeepPromise records it (refusing a time that cannot
            // be kept, and with it this step), confirms it in writing and times it like the first. The broken one
            // stays broken.
            boolean taken;
            try {
                taken = !engine.getRuntimeService().createMessageCorrelation(NEW_TIME_AGREED)
                        .processInstanceId(keeping)
                        .setVariable(CallbackTime.FIELD, newTime)
                        .correlateAllWithResult().isEmpty();
            } catch (InvalidPromiseException refused) {
                // The supervisor typed the time in this form's field: the refusal names it.
                String named = refused.getMessage()
                        .replace("(" + CallbackTime.FIELD + ")", "(" + NEW_CALLBACK_AT + ")");
                throw named.equals(refused.getMessage()) ? refused
                        : new InvalidPromiseException(NEW_CALLBACK_AT, named);
            }
            if (!taken) {
                // Only on an earlier version: on the latest, a call withdraws this step once it is made, so a call is
                // open to take the new time whenever the step is.
                throw new InvalidPromiseException(NEW_CALLBACK_AT, "No call waits for a new time (" + NEW_CALLBACK_AT
                        + ") now: the decision whether we keep trying to reach the customer is open, and this promise"
                        + " runs on an earlier version of the process, which takes no new time then. Decide it first"
                        + " (keep trying gives the owner Promise a callback, where the time you agreed is promised:"
                        + " tell them), and leave the new time empty here");
            }
        } else if (callback != null && timesHandOvers(task)) {
            BusinessCalendar calendar = calendars.of(CaseVariable.PLAN.text(task));
            Instant now = clock.now();
            Date due = Date.from(calendar.afterWorkingTime(now, properties.callback().retryWait()));
            callback.setAssignee(caller);
            callback.setDueDate(due);
            callback.setFollowUpDate(Date.from(RecordPromiseDelegate.reminderAt(due.toInstant(), now, calendar,
                    properties)));
            engine.getTaskService().saveTask(callback);
            CaseVariable.HANDED_OVER_CALL_DUE_AT.set(engine.getRuntimeService(), keeping, due);
            CaseVariable.CALLBACK_HANDED_OVER.set(engine.getRuntimeService(), keeping, true);
        }
    }

    /**
     * Whether the step's model version times the call it hands over: on an earlier one nothing would keep a due date
     * moved ahead, so the callback stays due at the promised time, as that version says.
     */
    private static boolean timesHandOvers(DelegateTask task) {
        return task.getBpmnModelElementInstance().getModelInstance().getModelElementById(HANDED_OVER_CALL_DUE) != null;
    }

    /**
     * The KeepPromise instance whose callback this step takes over: the step's own (issue 16). On a task of a model
     * version before it, the step was the case's or the last-chance call's: the KeepPromise that one called, if it
     * still runs.
     */
    private static String keepingPromise(DelegateTask task) {
        ModelElementInstance scope = task.getBpmnModelElementInstance();
        while (scope != null && !(scope instanceof Process)) {
            scope = scope.getParentElement();
        }
        if (scope != null && Processes.KEEP_PROMISE.equals(((Process) scope).getId())) {
            return task.getProcessInstanceId();
        }
        ProcessInstance called = task.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
                .superProcessInstanceId(task.getProcessInstanceId()).processDefinitionKey(Processes.KEEP_PROMISE)
                .singleResult();
        return called == null ? null : called.getId();
    }

    private String colleague(String userId, String team) {
        if (userId.isBlank()) {
            throw new InvalidPromiseException(COLLEAGUE_FIELD, "Pick the colleague who calls the customer back ("
                    + COLLEAGUE_FIELD + ")");
        }
        people.whyNotAColleagueIn(team, userId).ifPresent(refusal -> {
            throw new InvalidPromiseException(COLLEAGUE_FIELD, COLLEAGUE_FIELD + ": " + refusal);
        });
        return userId;
    }
}
