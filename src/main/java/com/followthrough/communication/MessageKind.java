package com.followthrough.communication;

import java.util.Locale;

/** The kinds of message a customer receives from us; each has a mail template per language ({@code mail/<language>/<kind>.txt}). */
public enum MessageKind {
    ACKNOWLEDGMENT,
    PROGRESS_UPDATE,
    SPECIALIST_JOINING,
    PROMISE_CONFIRMATION,
    VOICEMAIL,
    /** After the last unreached callback a supervisor chose to stop calling: we could not reach you, call us, the case closes. */
    CUSTOMER_UNREACHABLE,
    /** Nobody decided by the time the last voicemail stated: the decision is now with our management, by when. */
    UNREACHABLE_DECISION_PENDING,
    MESSAGE_REPLY,
    RESOLUTION,
    CASE_REOPENED,
    /** The resolution target passed: what is being done, and the new date a supervisor set. */
    RESOLUTION_DELAYED,
    /** The agent needs something from the customer: the question; our clock stands still until the answer. */
    CUSTOMER_QUESTION,
    /** The customer has not answered our question: it again, and what happens if we hear nothing. */
    QUESTION_REMINDER,
    /** No answer after the last reminder: the case closes, and a reply picks it up again. */
    CLOSED_WITHOUT_ANSWER,
    REIMBURSEMENT_OFFER,
    /** An approval ran out: the decision went to someone with more authority, and when the customer will hear. */
    REIMBURSEMENT_PENDING,
    /** After a reimbursementPending message, the approvers declined: what was decided, and that nothing is owed. */
    REIMBURSEMENT_DECLINED,
    /** The reimbursement we offered is paid: how, when, and the payment reference. */
    REIMBURSEMENT_ARRANGED,
    /** The reimbursement was not paid by the date we gave: a new date, and the administrators now see to it. */
    REIMBURSEMENT_DELAYED,
    CLOSING_SUMMARY,
    /** Acknowledges a message the customer sent during the case and says who answers it by when. */
    MESSAGE_RECEIVED,
    /** After the case is closed: how did we do? A link with the survey token. */
    SATISFACTION_SURVEY,
    /** Inbound: what the customer wrote to us. */
    CUSTOMER_MESSAGE;

    /** The name used in the models and message templates, e.g. {@code promiseConfirmation}. */
    public String modelName() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    public static MessageKind fromModelName(String modelName) {
        for (MessageKind kind : values()) {
            if (kind.modelName().equals(modelName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown message kind '" + modelName + "'");
    }
}
