package com.followthrough.communication;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.CaseVariable;

/**
 * "Acknowledge the customer" in the step that opens the case: the acknowledgment is written with the case, so opening
 * one costs one transaction, not a second one for a job (issue 16). A message that cannot be composed must not fail
 * the opening: it throws {@link #NOT_COMPOSED} before anything is recorded, and the model's error boundary hands the
 * acknowledgment to a send task of its own that runs as a job, retried and then left as an incident on the opened case.
 * Recording it is the engine's transaction like any write: a database that fails here fails the opening.
 */
@Component("acknowledgeCustomer")
public class AcknowledgeCustomerDelegate implements JavaDelegate {

    /** The BPMN error code of {@code Error_MessageNotComposed}. */
    public static final String NOT_COMPOSED = "MessageNotComposed";

    private static final Logger log = LoggerFactory.getLogger(AcknowledgeCustomerDelegate.class);

    private final MessageComposer composer;
    private final CustomerMessenger messenger;
    private final CustomerMessages messages;

    public AcknowledgeCustomerDelegate(MessageComposer composer, CustomerMessenger messenger, CustomerMessages messages) {
        this.composer = composer;
        this.messenger = messenger;
        this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MessageComposer.Composed acknowledgment;
        try {
            acknowledgment = composer.compose(MessageKind.ACKNOWLEDGMENT, execution);
        } catch (RuntimeException notComposed) {
            log.warn("The acknowledgment of case {} could not be composed; it is retried in a job of its own",
                    CaseVariable.CASE_REFERENCE.get(execution), notComposed);
            throw new BpmnError(NOT_COMPOSED, String.valueOf(notComposed.getMessage()), notComposed);
        }
        CustomerMessage recorded = messenger.record(MessageKind.ACKNOWLEDGMENT, acknowledgment, execution);
        // The case's only message while this step runs: the message record answers from it, not the database, for
        // Listen's header and its timer's progress-update cycle (issue 16).
        messages.openedWith(recorded);
    }
}
