package com.followthrough.tasklist;

import java.util.HashSet;
import java.util.Set;

import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.runtime.VariableInstance;

import com.followthrough.communication.SendCustomerMessageDelegate;
import com.followthrough.discount.DiscountRequests;
import com.followthrough.intake.OpenCaseFileDelegate;
import com.followthrough.organization.ListColumn;
import com.followthrough.organization.People;
import com.followthrough.servicelevel.FirstPersonalContact;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.FreshNotes;

/**
 * History level {@code full} (the same id and name, so a database set up with {@code full} starts as before), except
 * for the copies a task keeps of its case for Tasklist: the context texts, the shown copies of what people wrote and
 * the list's columns ({@link TaskPresentation}). They are derived from the case's own variables and messages, whose
 * history stays complete; their history (a row in ACT_HI_VARINST and ACT_HI_DETAIL for every write, on every task)
 * was most of a case's history and nobody read it. Registered as a custom level named {@code full}, which the engine
 * then uses for {@code camunda.bpm.history-level: full}. Likewise the settings a case copies at intake
 * ({@link OpenCaseFileDelegate#SETTINGS_COPIES}): 10 of the 132 statements that opened a case (issue 16), and the
 * colleagues a takeover step offered ({@link People#COLLEAGUES}), a Json copy of group memberships whose history cost
 * four statements (two of them byte arrays) on every late callback that reached the supervisors (read with the form
 * since; tasks created before still hold the copy). And the kind a send
 * task names in its input parameter ({@link SendCustomerMessageDelegate#MESSAGE_KIND}): a constant of the model, local
 * to the task, whose message is recorded with its kind in {@code ft_customer_message}; its history cost two statements
 * on every message sent, the acknowledgment of every case among them. And the case's first-response state
 * ({@link FirstPersonalContact#STATE}), which only the gateway "First response still owed?" reads, at run time: the
 * facts it stands for keep their history ({@code firstRespondedAt}, the supervisor's task); its history cost two
 * statements on every first-response escalation, the timer storm's firing (issue 16). And the case's service-level
 * targets ({@link OpenCaseFileDelegate#SERVICE_LEVEL_TARGETS}), which the service-levels decision's history and
 * {@code serviceLevelChanges} record. And the count of answers a case owes ({@code answersOwed}), which only "Answer
 * still owed?" and "Every answer sent" read, at run time: the messages and answers it counts keep their history; its
 * own would cost two statements on every message, twice, and on the opening of every case. And whether a resolved case
 * waits for the customer's word ({@code awaitingCustomersWord}), which only the update cycle beside that wait reads, at
 * run time: the wait itself is in the activity history; its own would cost two statements twice on every resolution.
 * And the flag a step that
 * offers the discount tick sets for its form ({@link DiscountRequests#TRACED}), a constant of the model: its history
 * would cost two statements on every first-response escalation, the timer storm's firing. And a task's own empty
 * note ({@link FreshFields}), which only its form reads: what was submitted is recorded on the case.
 */
final class TaskContextHistory extends HistoryLevelFull {

    /** A task's copies of the case: without history on a task. */
    private final Set<String> derived = new HashSet<>();
    /** The case's own variables kept without history, on whichever scope they are. */
    private final Set<String> caseCopies = new HashSet<>();

    TaskContextHistory() {
        // No longer written; tasks created before hold them, and deleting a variable that has no history must not record one.
        derived.addAll(CaseContext.READ_WITH_THE_FORM);
        derived.addAll(ListColumn.RETIRED);
        TaskPresentation.SHOWN_TEXTS.forEach(variable -> derived.add(TaskPresentation.shownVariable(variable)));
        ListColumn.ALL.forEach(column -> derived.add(column.variable()));
        derived.add(People.COLLEAGUES);
        derived.addAll(FreshNotes.FIELDS);
        caseCopies.addAll(OpenCaseFileDelegate.SETTINGS_COPIES);
        caseCopies.addAll(OpenCaseFileDelegate.DERIVED_COPIES);
        caseCopies.addAll(OpenCaseFileDelegate.SERVICE_LEVEL_TARGETS);
        caseCopies.add(SendCustomerMessageDelegate.MESSAGE_KIND);
        caseCopies.add(FirstPersonalContact.STATE);
        caseCopies.add(CaseVariable.ANSWERS_OWED.name());
        caseCopies.add(CaseVariable.AWAITING_CUSTOMERS_WORD.name());
        caseCopies.add(DiscountRequests.TRACED);
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        if (entity instanceof VariableInstance variable && (variable.getTaskId() != null
                && derived.contains(variable.getName()) || caseCopies.contains(variable.getName()))) {
            return false;
        }
        return super.isHistoryEventProduced(eventType, entity);
    }
}
