package com.followthrough.communication;

import static org.camunda.bpm.engine.delegate.ExecutionListener.EVENTNAME_START;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.CaseVariable;

/**
 * Never silent (W1) while the resolved case waits for the customer's word on the solution
 * ({@code Gateway_AwaitCustomer}) and still owes them an answer to a message they wrote while it was worked on: that
 * answer may go overdue to the supervisors and the administrators, and the case is out of "Work on the solution" and
 * its update cycle.
 * <p>
 * As an execution listener on the wait, it marks on the case whether the wait runs ({@code awaitingCustomersWord}): set
 * at its start, cleared at its end, however it ends (confirmed, reopened, replied, quiet period over). Setting it
 * starts "Keep the customer informed while an answer is owed" ({@code SubProcess_KeepInformedWhileResolved}) when an
 * answer is owed ({@link #owesAnswer}); clearing it ends that update cycle, so what follows the wait brings its own
 * (the work on the case, the supervisors' decision on a reply, the wait for every answer before the close): one cycle
 * at a time. A case that owes nothing gets no update timer.
 */
@Component("resolvedCaseWait")
public class ResolvedCaseWait implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        CaseVariable.AWAITING_CUSTOMERS_WORD.set(execution, EVENTNAME_START.equals(execution.getEventName()));
    }

    /** Whether the case waits for the customer's word on the solution and owes them an answer meanwhile. */
    public boolean owesAnswer(VariableScope execution) {
        Integer owed = CaseVariable.ANSWERS_OWED.get(execution);
        return Boolean.TRUE.equals(CaseVariable.AWAITING_CUSTOMERS_WORD.get(execution)) && owed != null && owed > 0;
    }
}
