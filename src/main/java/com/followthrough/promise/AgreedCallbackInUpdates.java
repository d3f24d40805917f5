package com.followthrough.promise;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.communication.MessageKind;
import com.followthrough.communication.MessagePreparation;
import com.followthrough.vocabulary.CaseVariable;

/**
 * A progress update while an agreed callback is pending says "as agreed, Anna calls you by ..." instead of "we don't
 * have an answer yet" (issue 12, item 7): the person who calls (whoever a supervisor handed the callback to, else who
 * made the promise; nobody when it is in a team's queue: "our support team calls", {@link Promise#caller()}) and the
 * promised time, from the promise ledger, as transient variables {@code agreedCallbackBy} and {@code agreedCallbackAt}
 * for the composer.
 */
@Component
class AgreedCallbackInUpdates implements MessagePreparation {

    private final Promises promises;
    private final EngineClock clock;

    AgreedCallbackInUpdates(Promises promises, EngineClock clock) {
        this.promises = promises;
        this.clock = clock;
    }

    @Override
    public MessageKind kind() {
        return MessageKind.PROGRESS_UPDATE;
    }

    @Override
    public void prepare(DelegateExecution execution) {
        promises.pendingCallback(CaseVariable.CASE_REFERENCE.text(execution), clock.now()).ifPresent(promise -> {
            execution.setVariableLocal("agreedCallbackBy", Variables.stringValue(promise.caller(), true));
            execution.setVariableLocal("agreedCallbackAt", Variables.dateValue(Date.from(promise.dueAt()), true));
        });
    }
}
