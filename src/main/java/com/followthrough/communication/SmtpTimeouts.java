package com.followthrough.communication;

import java.time.Duration;
import java.util.Properties;

/**
 * How long one send may keep a dispatcher waiting with the mail server's timeouts ({@code spring.mail.properties}):
 * Angus Mail's read timeout holds for each answer of the server, not for the whole send, so a server that answers
 * every command just before it runs out takes the connection, the content's write and every answer. Checked against
 * the dispatcher's sending timeout at the start: a message SENDING longer than that is marked DELIVERY_UNCERTAIN for a
 * supervisor to send again, which must never happen to a send that is still running.
 */
record SmtpTimeouts(Duration connect, Duration read, Duration write) {

    /**
     * The answers a send waits for at most: the greeting, EHLO, STARTTLS and EHLO again, AUTH LOGIN (three), MAIL
     * FROM, RCPT TO (one recipient), DATA, the end of the content and QUIT. The commands are a line each; only the
     * content is long enough to wait on the write timeout.
     */
    static final int SERVER_ANSWERS = 12;

    static final String SENDING_TIMEOUT = "follow-through.mail.dispatcher.sending-timeout";

    /** The timeouts of {@code protocol} (smtp, smtps); a missing or zero one (Angus Mail waits forever) is refused. */
    static SmtpTimeouts of(Properties javaMail, String protocol) {
        return new SmtpTimeouts(timeout(javaMail, protocol, "connectiontimeout"), timeout(javaMail, protocol, "timeout"),
                timeout(javaMail, protocol, "writetimeout"));
    }

    Duration longestSend() {
        return connect.plus(write).plus(read.multipliedBy(SERVER_ANSWERS));
    }

    /** Refuses a sending timeout a send that is still running could outlast. */
    void leaveTimeToFinish(Duration sendingTimeout, String protocol) {
        if (sendingTimeout.compareTo(longestSend()) <= 0) {
            String prefix = "spring.mail.properties[mail." + protocol + ".";
            throw new IllegalArgumentException(SENDING_TIMEOUT + " (" + sendingTimeout + ") must be longer than the"
                    + " longest a send may take with the mail server's timeouts, " + longestSend() + ": "
                    + prefix + "connectiontimeout] " + connect.toMillis() + " ms + " + prefix + "writetimeout] "
                    + write.toMillis() + " ms + " + SERVER_ANSWERS + " answers x " + prefix + "timeout] "
                    + read.toMillis() + " ms. A send still running would be marked DELIVERY_UNCERTAIN and could"
                    + " reach the customer twice: lengthen the sending timeout or shorten the SMTP timeouts");
        }
    }

    private static Duration timeout(Properties javaMail, String protocol, String name) {
        String property = "mail." + protocol + "." + name;
        String value = javaMail.getProperty(property);
        long millis;
        try {
            millis = value == null ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException notANumber) {
            millis = 0;
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("spring.mail.properties[" + property + "] must be a number of"
                    + " milliseconds above 0, was " + value + ": without it a mail server that stops answering holds"
                    + " the mail dispatcher, and every message after it, forever");
        }
        return Duration.ofMillis(millis);
    }
}
