package com.followthrough.communication;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.followthrough.EngineClock;
import com.followthrough.api.ApiProblem;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Processes;

/**
 * What the customer sends us, correlated to their case by its reference (the business key). A customer is never
 * turned away: a message reaches the case at whatever stage it is, and a call that no callback is waiting for is
 * attached to the case like a message. Only a case an administrator suspended takes nothing: that is refused (409),
 * and the caller keeps what the customer sent until the case runs again. Each method may be given a {@code delivered}
 * callback: it runs in the transaction that changes the case, with the outcome, so what the caller records of the
 * delivery (an idempotency key) commits with it or not at all; it does not run when nothing changed
 * ({@link Outcome#CLOSED}).
 */
@Service
public class CaseInbox {

    public static final String CUSTOMER_WROTE_IN = "Message_CustomerWroteIn";
    public static final String CUSTOMER_CALLED_IN = "Message_CustomerCalledIn";
    public static final String RESOLUTION_CONFIRMED = "Message_ResolutionConfirmed";
    public static final String CASE_REOPENED = "Message_CaseReopened";
    public static final String CUSTOMER_REPLIED_TO_RESOLUTION = "Message_CustomerRepliedToResolution";
    /** Ends "Wait for the customer": the customer answered the question we asked, so the resolution clock runs again. */
    public static final String CUSTOMER_ANSWERED_QUESTION = "Message_CustomerAnsweredQuestion";

    /** Every way to the closing summary passes here, and none leads back to a case that takes messages. */
    static final String READY_TO_CLOSE = "Gateway_ReadyToClose";
    /** Where a case decided to close waits for the answers it still owes the customer. */
    static final String EVERY_ANSWER_SENT = "Event_EveryAnswerSent";

    private static final Consumer<Outcome> NOTHING_TO_RECORD = outcome -> { };

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final CaseSerializer serializer;
    private final CustomerMessages messages;
    private final TransactionTemplate transaction;
    private final EngineClock clock;

    public CaseInbox(RuntimeService runtimeService, HistoryService historyService, CaseSerializer serializer,
                     CustomerMessages messages, TransactionTemplate transaction, EngineClock clock) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.serializer = serializer;
        this.messages = messages;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * A case waiting for the customer's answer to our question starts its resolution clock again. A resolved case
     * waiting to close takes the message as a reply to the solution (the owner decides on it and the quiet period
     * ends); at any other stage it is answered by the "Customer wrote in" event subprocess. {@link Outcome#CLOSED},
     * with nothing changed, when the case has ended since the caller found it open, or is closing (see
     * {@link #closing}).
     */
    public Outcome customerWroteIn(String caseReference, String text, String channel) {
        return customerWroteIn(caseReference, text, channel, NOTHING_TO_RECORD);
    }

    public Outcome customerWroteIn(String caseReference, String text, String channel, Consumer<Outcome> delivered) {
        // The engine stores a text variable of at most 4000 characters: the case keeps a copy within that, and the
        // whole text goes to the step that records it only for this transaction (AttachCustomerMessageDelegate).
        Map<String, Object> message = Map.of("inboundText", CustomerWords.forAVariable(text, caseReference),
                AttachCustomerMessageDelegate.WHOLE_TEXT, Variables.stringValue(text, true),
                "inboundChannel", channel);
        return serializer.run(caseReference, () -> transaction.execute(status -> {
            // A case waiting for the customer's answer takes any message as that answer (the owner reads it on the
            // answer task below, the same way as every message).
            runtimeService.createMessageCorrelation(CUSTOMER_ANSWERED_QUESTION)
                    .processInstanceBusinessKey(caseReference)
                    .correlateAllWithResult();
            boolean reached = !runtimeService.createMessageCorrelation(CUSTOMER_REPLIED_TO_RESOLUTION)
                    .processInstanceBusinessKey(caseReference)
                    .setVariables(message)
                    .correlateAllWithResult().isEmpty()
                    || !runtimeService.createMessageCorrelation(CUSTOMER_WROTE_IN)
                            .processInstanceBusinessKey(caseReference)
                            .setVariables(message)
                            .correlateAllWithResult().isEmpty();
            if (!reached) {
                return closedMeanwhile(caseReference);
            }
            if (closing(caseReference)) {
                status.setRollbackOnly();
                return Outcome.CLOSED;
            }
            delivered.accept(Outcome.ATTACHED);
            return Outcome.ATTACHED;
        }));
    }

    /**
     * The case runs but closes: the quiet period the customer was told of is over, or the closing was confirmed or
     * decided, and the closing summary waits for the job executor or is being sent. Nothing leads back from there. A
     * message now is for a closed case, as the customer was told: answered on this case, the closing summary would
     * tell them it is closed right after the acknowledgment. Asked after the message was correlated, in its
     * transaction, which is then rolled back ({@link #customerWroteIn}): a close committed before this look is seen by
     * it; one still on its way clashes with the correlation on the case's {@code answersOwed}, which "Customer wrote
     * in" and {@code Gateway_ReadyToClose} both write ({@link AnswersOwedListener}), so one of the two is done again
     * after the other ({@link CaseSerializer} for the message). The look and the correlation cannot disagree. A case
     * on a model version from before that variable only has the look after the correlation.
     */
    private boolean closing(String caseReference) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(Processes.SUPPORT_CASE)
                .processInstanceBusinessKey(caseReference).list().stream()
                .anyMatch(instance -> historyService.createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId()).activityId(READY_TO_CLOSE).count() > 0);
    }

    /**
     * Nothing took the message. A running case always takes one ("Customer wrote in" waits as long as it runs), so the
     * case has ended: the quiet period or a confirmation closed it after the caller found it open. Then the message is
     * for a closed case, and gets what a message that arrives just after the close gets.
     */
    private Outcome closedMeanwhile(String caseReference) {
        ProcessInstanceQuery running = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(Processes.SUPPORT_CASE).processInstanceBusinessKey(caseReference);
        if (running.count() == 0) {
            return Outcome.CLOSED;
        }
        if (running.suspended().count() > 0) {
            // An administrator stopped the case in Cockpit; nobody could act on what it took. The caller keeps it.
            throw ApiProblem.conflict("Case suspended", "reference", "is a suspended case", "Case " + caseReference
                    + " is suspended by an administrator and takes nothing now; nothing was delivered. Send it again,"
                    + " with the same Idempotency-Key, once the case runs again.");
        }
        throw new IllegalStateException("Case " + caseReference + " runs but took no customer message");
    }

    /**
     * The customer called us: ends a callback wait if one is open, a voicemail not yet left, an open decision on a
     * customer no call reached, or the letter saying we could not reach them not yet sent ({@link Outcome#TAKEN},
     * KeepPromise), else the call is noted on the case ({@link Outcome#ATTACHED}). A call that ended a wait without a
     * note adds no message.
     */
    public Outcome customerCalledIn(String caseReference, String note) {
        return customerCalledIn(caseReference, note, NOTHING_TO_RECORD);
    }

    public Outcome customerCalledIn(String caseReference, String note, Consumer<Outcome> delivered) {
        if (takenWithTheirWords(caseReference, CUSTOMER_CALLED_IN, note, "phone", delivered)) {
            return Outcome.TAKEN;
        }
        return customerWroteIn(caseReference, callAsWritten(note), "phone", delivered);
    }

    /** A call as a message on the case: the note the customer left, or that they called. */
    public static String callAsWritten(String note) {
        return note.isBlank() ? "The customer called." : note;
    }

    /** What became of what the customer sent to a case that was open when the caller looked it up. */
    public enum Outcome {
        /** The case was waiting for exactly this: a resolved case closes or goes back to work, a callback wait ends. */
        TAKEN,
        /** The case was not waiting for it: it is attached as a message, which a person answers or decides on. */
        ATTACHED,
        /**
         * The case closed, or was closing, when it arrived: nothing changed, and the caller treats it as sent to a
         * closed case.
         */
        CLOSED
    }

    /**
     * The customer confirms the solution (the integrator's {@code POST /api/cases/{reference}/confirmation}): closes
     * a resolved case that waits for it; at any other stage it reaches the owner as a message, never lost. A note
     * with it is read by a person whatever it says ("fine, but the fee is not back"): to a resolved case it is a reply
     * the owner decides on (the customer confirms, or the case goes on), as any message then is. Without a note, to a
     * case that only waits to close, it is {@link Outcome#CLOSED}: nothing to do.
     */
    public Outcome customerConfirms(String caseReference, String note, Consumer<Outcome> delivered) {
        if (note.isBlank() && takenWithTheirWords(caseReference, RESOLUTION_CONFIRMED, note, "web", delivered)) {
            return Outcome.TAKEN;
        }
        if (note.isBlank() && waitsToClose(caseReference)) {
            return Outcome.CLOSED;
        }
        return customerWroteIn(caseReference, note.isBlank() ? "The customer confirms the problem is solved." : note,
                "web", delivered);
    }

    /** The customer asks to reopen ({@code POST /api/cases/{reference}/reopening}); like {@link #customerConfirms}. */
    public Outcome customerAsksToReopen(String caseReference, String reason, Consumer<Outcome> delivered) {
        String words = reopeningInTheirWords(reason);
        if (takenWithTheirWords(caseReference, CASE_REOPENED, words, "web", delivered)) {
            return Outcome.TAKEN;
        }
        if (waitsToClose(caseReference)) {
            return Outcome.CLOSED;
        }
        return customerWroteIn(caseReference, words, "web", delivered);
    }

    /**
     * The case was confirmed, or its quiet period ended, and it waits only for the answers it owes before it closes
     * ({@value #EVERY_ANSWER_SENT}); nothing leads back to work from there. A reopening then is for the closed case
     * (the caller opens a follow-up, as just after the close), not one more message answered before "your case is
     * closed"; a confirmation without a note needs nothing.
     */
    private boolean waitsToClose(String caseReference) {
        return runtimeService.createExecutionQuery().processDefinitionKey(Processes.SUPPORT_CASE)
                .processInstanceBusinessKey(caseReference).activityId(EVERY_ANSWER_SENT).count() > 0;
    }

    public MessageCorrelationResult customerConfirmedResolution(String caseReference) {
        return runtimeService.createMessageCorrelation(RESOLUTION_CONFIRMED)
                .processInstanceBusinessKey(caseReference)
                .correlateWithResult();
    }

    public MessageCorrelationResult customerReopened(String caseReference, String reason) {
        return transaction.execute(status -> {
            MessageCorrelationResult reopened = runtimeService.createMessageCorrelation(CASE_REOPENED)
                    .processInstanceBusinessKey(caseReference)
                    .correlateWithResult();
            keepTheirWords(caseReference, reopened.getExecution().getProcessInstanceId(),
                    reopeningInTheirWords(reason), "web");
            return reopened;
        });
    }

    private static String reopeningInTheirWords(String reason) {
        return "The customer asks to reopen the case: " + reason;
    }

    /**
     * Correlates a message only a case waiting for it takes. When one took it, the customer's words that came with it
     * are kept on the case in the same transaction, and nothing more is correlated: what the case does next (the call,
     * closing, reopening) is the answer, and a "Customer wrote in" beside it would ask someone to answer twice.
     */
    private boolean takenWithTheirWords(String caseReference, String messageName, String words, String channel,
                                        Consumer<Outcome> delivered) {
        return serializer.run(caseReference, () -> transaction.execute(status -> {
            List<MessageCorrelationResult> taken = runtimeService.createMessageCorrelation(messageName)
                    .processInstanceBusinessKey(caseReference)
                    .correlateAllWithResult();
            if (taken.isEmpty()) {
                return false;
            }
            if (!words.isBlank()) {
                keepTheirWords(caseReference, taken.get(0).getExecution().getProcessInstanceId(), words, channel);
            }
            delivered.accept(Outcome.TAKEN);
            return true;
        }));
    }

    private void keepTheirWords(String caseReference, String processInstanceId, String words, String channel) {
        messages.recordInbound(caseReference, processInstanceId, null, channel, languageOf(processInstanceId), words,
                clock.now());
    }

    /** From the history, which also has it once the instance has ended (a confirmation may end it at once). */
    private String languageOf(String processInstanceId) {
        return historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId)
                .variableName(CaseVariable.LANGUAGE.name())
                .list().stream()
                .map(variable -> (String) variable.getValue())
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Case process " + processInstanceId + " has no language"));
    }
}
