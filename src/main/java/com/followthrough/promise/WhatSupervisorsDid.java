package com.followthrough.promise;

import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;
import com.followthrough.RefusedEntryException;
import com.followthrough.TaskActor;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.FreshNotes;
import com.followthrough.vocabulary.SupervisorAction;

/**
 * A step where someone stepped in adds what they did to what the case keeps of every such step
 * ({@link CaseVariable#SUPERVISOR_ACTIONS}), with the step, who and when, so the case header shows them all in order
 * under "Who stepped in": the supervisors' steps, which write {@code supervisorAction} (two on one case, a late call
 * handed over, then late again, or "Make sure the customer hears from the owner", then a late callback, share the
 * note's name, and the later one used to replace the earlier in what the owner read), and the chases of the
 * supervisors and the administrators ("Make sure ...", "... now"), which write {@code chaseNote} (shown on no form
 * before, so whoever worked the case next could repeat or contradict what was done). Which steps these are, and the
 * note each writes, is {@link #NOTE_BY_STEP}. On complete, after {@code tasklist.FreshFields}, named in the model on
 * each such step; {@link PromiseTakeover} records "Keep the promise at risk" on the promise and on the case that made
 * it.
 */
@Component("whatSupervisorsDid")
public class WhatSupervisorsDid implements TaskListener {

    /**
     * The steps where someone steps in, and the note each writes: the supervisors' steps ({@code supervisorAction}),
     * and the chases of the supervisors and the administrators ({@code chaseNote}; "Trace the discount offer now" in
     * the case and in the customer feedback).
     */
    static final Map<String, CaseVariable<String>> NOTE_BY_STEP = Map.ofEntries(
            Map.entry("Task_KeepPromiseAtRisk", CaseVariable.SUPERVISOR_ACTION),
            Map.entry("Task_MakeSureCustomerHearsFromOwner", CaseVariable.SUPERVISOR_ACTION),
            Map.entry("Task_MakeSureNewCallTimeIsPromised", CaseVariable.SUPERVISOR_ACTION),
            Map.entry("Task_MakeSureCustomerGetsFirstResponse", CaseVariable.CHASE_NOTE),
            Map.entry("Task_ChaseSpecialistAdvice", CaseVariable.CHASE_NOTE),
            Map.entry("Task_ChaseSpecialistAdviceNow", CaseVariable.CHASE_NOTE),
            Map.entry("Task_ChaseExpertSearch", CaseVariable.CHASE_NOTE),
            Map.entry("Task_MakeSureCustomerHearsFromOwnerNow", CaseVariable.CHASE_NOTE),
            Map.entry("Task_MakeSureNewCallTimeIsPromisedNow", CaseVariable.CHASE_NOTE),
            Map.entry("Task_GetCustomerReplyDecided", CaseVariable.CHASE_NOTE),
            Map.entry("Task_TraceDiscountOfferNow", CaseVariable.CHASE_NOTE));

    private final EngineClock clock;

    public WhatSupervisorsDid(EngineClock clock) {
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        record(task, task.getExecution().getProcessInstance());
    }

    /**
     * Adds the task's note to what {@code into} keeps. A supervisors' note {@code into} had before it kept a log (a
     * case from an earlier version), which the header showed, comes first, so it is not lost either.
     */
    void record(DelegateTask task, DelegateExecution into) {
        String note = Optional.ofNullable(NOTE_BY_STEP.get(task.getTaskDefinitionKey()))
                .map(field -> CaseVariables.text(task, field.name())).orElse("");
        if (note.isEmpty()) {
            return;
        }
        String log = CaseVariable.SUPERVISOR_ACTIONS.text(into);
        String before = earlierNote(task, into);
        if (log.isEmpty() && !before.isEmpty() && !before.equals(note)) {
            log = SupervisorAction.earlier(before).after(log);
        }
        String step = task.getBpmnModelElementInstance() == null ? "" : task.getBpmnModelElementInstance().getName();
        SupervisorAction action = new SupervisorAction(clock.now(), who(task), step, note);
        CaseVariable.SUPERVISOR_ACTIONS.set(into, action.after(log));
    }

    /**
     * The supervisors' note {@code into} held before this step: read before {@code tasklist.FreshFields} made the
     * submitted note the case's (in the task's own process instance), or as it is (a chase, which writes another
     * note; the case that made a promise, for a takeover).
     */
    private static String earlierNote(DelegateTask task, DelegateExecution into) {
        String field = CaseVariable.SUPERVISOR_ACTION.name();
        return into.getProcessInstanceId().equals(task.getProcessInstanceId())
                ? FreshNotes.caseHadBefore(task, field).map(Object::toString)
                        .orElseGet(() -> CaseVariable.SUPERVISOR_ACTION.text(into))
                : CaseVariable.SUPERVISOR_ACTION.text(into);
    }

    /** Who completes it; nobody named rather than a refusal, which is not this record's to make. */
    private static String who(DelegateTask task) {
        try {
            return TaskActor.of(task);
        } catch (RefusedEntryException unclaimed) {
            return "";
        }
    }
}
