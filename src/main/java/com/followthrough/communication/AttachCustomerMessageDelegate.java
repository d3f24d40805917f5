package com.followthrough.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.servicelevel.BreachWarnings;
import com.followthrough.servicelevel.CaseDeadlines;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Attach the message to the case": what the customer wrote (variables {@code inboundText} and
 * {@code inboundChannel}, given with the message) is recorded whole on the case ({@link #WHOLE_TEXT}) and kept on
 * this event subprocess, so the owner answers exactly this message even if another one arrives meanwhile. So is
 * when it must be answered: {@code answerDueAt}, the plan's next-reply target ({@code nextReplyTarget}, from the
 * service levels) from now on the plan's business calendar, which the acknowledgment tells the customer and the
 * answer task is due at. The forms of the case's open tasks show the message among the messages so far from then on:
 * their header is read when a form is opened.
 * <p>
 * While nobody has listened yet (Listen to the customer is open), the message is folded into Listen: its form
 * shows the message, no Answer task is added beside it ({@code messageOnListen}), and the acknowledgment states
 * the time Listen is due at and the first-response timer keeps ({@code firstResponseDueAt}), not a time of its own.
 */
@Component("attachCustomerMessage")
public class AttachCustomerMessageDelegate implements JavaDelegate {

    static final String LISTEN_TO_CUSTOMER = "Task_ListenToCustomer";

    /**
     * The whole message, given with it as a transient variable (not stored; at most 4000 characters are) when
     * {@code inboundText} holds a shortened copy ({@link CustomerWords#forAVariable}): recorded here, in the
     * transaction that correlates the message. A whole text {@code inboundText} is not the copy of is ignored.
     */
    static final String WHOLE_TEXT = "inboundTextWhole";

    private final CustomerMessages messages;
    private final CaseDeadlines deadlines;
    private final EngineClock clock;

    public AttachCustomerMessageDelegate(CustomerMessages messages, CaseDeadlines deadlines, EngineClock clock) {
        this.messages = messages;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object text = execution.getVariable("inboundText");
        if (text == null || text.toString().isBlank()) {
            throw new IllegalStateException("A customer message needs its text in the variable 'inboundText'");
        }
        String reference = CaseVariable.CASE_REFERENCE.get(execution);
        // No limit of its own: what the customer sent is (CustomerContactController), and the words around it add some.
        String received = execution.getVariable(WHOLE_TEXT) instanceof String whole
                && CustomerWords.forAVariable(whole, reference).equals(text.toString()) ? whole : text.toString();
        Object channel = execution.getVariable("inboundChannel");
        String channelName = channel == null ? "email" : channel.toString();
        long id = messages.recordInbound(reference, execution.getProcessInstanceId(),
                execution.getActivityInstanceId(), channelName,
                CaseVariable.LANGUAGE.get(execution), received, clock.now());
        execution.setVariableLocal("inboundText", text.toString());
        execution.setVariableLocal("inboundChannel", channelName);
        execution.setVariableLocal("inboundMessageId", id);
        // Decided here, in the transaction that correlates the message, not at the gateway after the asynchronous
        // acknowledgment: by then Listen may have completed with the message on its form.
        boolean messageOnListen = execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(LISTEN_TO_CUSTOMER).count() > 0;
        execution.setVariableLocal("messageOnListen", messageOnListen);
        execution.setVariableLocal(BreachWarnings.MESSAGE_RECEIVED_AT, clock.nowAsDate());
        if (!messageOnListen) {
            execution.setVariableLocal("answerDueAt", deadlines.after(nextReplyTarget(execution),
                    CaseVariable.PLAN.get(execution)));
        }
    }

    /** Cases started before the service levels had a next-reply target answer within the first-response target. */
    static String nextReplyTarget(VariableScope execution) {
        Object target = execution.getVariable("nextReplyTarget");
        return (String) (target != null ? target : execution.getVariable("firstResponseTarget"));
    }
}
