package com.followthrough.communication;

import java.time.Instant;

/** One message to or from the customer, as recorded on the case. */
public record CustomerMessage(long id, String caseReference, Direction direction, MessageKind kind, String channel,
                              String language, String recipient, String subject, String body, Instant createdAt,
                              String deliveryStatus) {

    public enum Direction { OUTBOUND, INBOUND }

    /** No mail server is wired in yet: the message stays readable on the case and in the log. */
    public static final String NOT_DELIVERED_NO_MAIL_SERVER = "NOT_DELIVERED_NO_MAIL_SERVER";
    public static final String RECEIVED = "RECEIVED";
}
