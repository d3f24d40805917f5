package com.followthrough.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.CaseVariable;

/**
 * Counts the customer's messages whose answer the case still owes ({@code answersOwed}): one up at the start of
 * "Customer wrote in" ({@code SubProcess_CustomerWroteIn}), one down at its end. Each message's acknowledgment told the
 * customer who answers it by when, so a case that is confirmed or whose quiet period is over closes only once every
 * such answer has gone out ({@code Gateway_AnswerOwed}, {@code Event_EveryAnswerSent}): the customer reads the answer,
 * then the closing summary. The end comes however the answer was given (owner, colleague, supervisor, administrator;
 * the terminate end events end the sub-process) and when it is cancelled, so no count outlives its answer.
 * <p>
 * At {@code Gateway_ReadyToClose} the case is closing, and the count becomes {@link #CLOSING}: it owes no answer and
 * takes no message any more. That write is what keeps the close and a message apart: every message "Customer wrote in"
 * takes writes the same row, so a message and a close at the same moment clash on it (optimistic locking) and one is
 * done again, after the other: the message then finds the case closing ({@code CaseInbox} answers it is for the closed
 * case), or the close finds the answer owed and waits for it. Two answers that end at once clash the same way, so the
 * count loses no step.
 */
@Component("owedAnswers")
public class AnswersOwedListener implements ExecutionListener {

    /** The case is closing: no answer is counted any more. */
    public static final int CLOSING = -1;

    @Override
    public void notify(DelegateExecution execution) {
        Integer counted = CaseVariable.ANSWERS_OWED.get(execution);
        int owed = counted == null ? 0 : counted;
        if (CaseInbox.READY_TO_CLOSE.equals(execution.getCurrentActivityId())) {
            CaseVariable.ANSWERS_OWED.set(execution, CLOSING);
        } else if (owed != CLOSING) {
            CaseVariable.ANSWERS_OWED.set(execution, EVENTNAME_START.equals(execution.getEventName())
                    ? owed + 1 : Math.max(0, owed - 1));
        }
    }
}
