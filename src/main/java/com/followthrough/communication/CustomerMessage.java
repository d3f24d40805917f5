package com.followthrough.communication;

import java.time.Instant;

/**
 * One message to or from the customer, as recorded on the case, with where its delivery stands: the status
 * (see the constants), how many times the dispatcher tried, when it tries next, the last error and when the mail
 * server accepted it; {@code recordedInStep}, the activity instance of the step that recorded it (null if none did).
 */
public record CustomerMessage(long id, String caseReference, String processInstanceId, Direction direction,
                              MessageKind kind, String channel, String language, String recipient, String subject,
                              String body, Instant createdAt, String deliveryStatus, int attempts,
                              Instant nextAttemptAt, String lastError, Instant deliveredAt, String recordedInStep) {

    public enum Direction { OUTBOUND, INBOUND }

    /** Written in the engine's transaction; the mail dispatcher delivers it when it is due. */
    public static final String PENDING = "PENDING";
    /** Claimed by a dispatcher, which is handing it to the mail server right now. */
    public static final String SENDING = "SENDING";
    /** The mail server accepted it. */
    public static final String SENT = "SENT";
    /** The mail server could not take it; the dispatcher tries again later, waiting longer each time. */
    public static final String FAILED_RETRYING = "FAILED_RETRYING";
    /** The dispatcher gave up after the configured attempts; a person must reach the customer another way. */
    public static final String FAILED = "FAILED";
    /**
     * The mail may have gone out, but that was never confirmed (the app stopped between sending and recording
     * it, or the connection broke mid-send). It is never sent again on its own, so the customer never gets it
     * twice: a person checks and resends it if needed.
     */
    public static final String DELIVERY_UNCERTAIN = "DELIVERY_UNCERTAIN";
    /** No mail server is configured: the message stays readable on the case and in the log. */
    public static final String NOT_DELIVERED_NO_MAIL_SERVER = "NOT_DELIVERED_NO_MAIL_SERVER";
    /** Inbound: what the customer sent us. */
    public static final String RECEIVED = "RECEIVED";

    /** The Message-ID header of every mail sent for this message, the same on a resend, so a copy is recognisable. */
    public String messageId() {
        return messageId(id);
    }

    public static String messageId(long id) {
        return "<ft-message-" + id + "@follow-through>";
    }
}
