package com.followthrough.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * "Customer wrote in" (start and end of {@code SubProcess_CustomerWroteIn}): counts the messages whose answer the
 * customer is still owed ({@code answersOwed}, on the case). Each message's acknowledgment told the customer who
 * answers it by when, so a case that is confirmed or whose quiet period is over closes only once every such answer
 * has gone out ({@code Gateway_AnswerOwed}, {@code Event_EveryAnswerSent}): the customer reads the answer, then the
 * closing summary. The end comes however the answer was given (owner, colleague, supervisor, administrator; the
 * terminate end events end the sub-process) and when it is cancelled, so no count outlives its answer. Every start and
 * end writes the one case variable, so two answers that end at the same moment clash on it (optimistic locking) and
 * one is done again: the count loses no step.
 */
@Component("owedAnswers")
public class AnswersOwedListener implements ExecutionListener {

    public static final String ANSWERS_OWED = "answersOwed";

    @Override
    public void notify(DelegateExecution execution) {
        Object counted = execution.getVariable(ANSWERS_OWED);
        int owed = counted instanceof Integer n ? n : 0;
        execution.setVariable(ANSWERS_OWED, EVENTNAME_START.equals(execution.getEventName())
                ? owed + 1 : Math.max(0, owed - 1));
    }
}
