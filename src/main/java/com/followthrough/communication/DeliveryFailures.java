package com.followthrough.communication;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;

/**
 * What a failed send means for the customer. Only a failure that proves the mail server did not take the mail may be
 * retried; anything else (a connection that broke while the mail was being handed over, an unexpected error) may
 * have delivered it, so it is never sent again on its own.
 *
 * <p>With the stage of the SMTP session known ({@link SmtpSendFailure}): before the content was handed over nothing
 * went out, so the mail is tried again, unless the server refused it for good (5xx on MAIL FROM, RCPT TO or DATA);
 * after it, only the server's answer to the final "." settles it (4xx: try again, 5xx: failed), and without an answer
 * (a dropped connection, a timeout) the delivery is uncertain.
 */
final class DeliveryFailures {

    enum Outcome {
        /** The mail cannot be written (an invalid address, say) or the server refused it for good: retrying does not help. */
        CANNOT_BE_SENT,
        /** The server was not reached, refused the login or rejected the mail: nothing went out, try again later. */
        NOT_SENT,
        /** It may have gone out. */
        UNCERTAIN
    }

    /** The command that ends the content: the server's answer to it says whether it took the mail. */
    private static final String END_OF_DATA = ".";

    private DeliveryFailures() {
    }

    static Outcome of(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        boolean notSent = false;
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof MailPreparationException || t instanceof MailParseException) {
                return Outcome.CANNOT_BE_SENT;
            }
            if (t instanceof SmtpSendFailure smtp) {
                return of(smtp);
            }
            if (t instanceof SMTPSendFailedException send && END_OF_DATA.equals(send.getCommand())
                    && send.getReturnCode() < 400) {
                return Outcome.UNCERTAIN; // the content went out and the server never answered
            }
            if (t instanceof MailAuthenticationException || t instanceof AuthenticationFailedException
                    || t instanceof MailConnectException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SendFailedException) {
                notSent = true;
            }
            if (t instanceof MailSendException send) {
                todo.addAll(send.getFailedMessages().values());
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return notSent ? Outcome.NOT_SENT : Outcome.UNCERTAIN;
    }

    private static Outcome of(SmtpSendFailure failure) {
        if (failure.refusedForGood() && failure.stage() != SmtpSendFailure.Stage.CONNECTING) {
            return Outcome.CANNOT_BE_SENT;
        }
        if (failure.stage() == SmtpSendFailure.Stage.CONTENT_HANDED_OVER && !failure.refused()) {
            return Outcome.UNCERTAIN;
        }
        return Outcome.NOT_SENT;
    }

    /** One line for the case view and the log: the failure and its causes. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().replaceAll("\\s+", " ").strip());
            }
            if (t instanceof MailSendException send && !send.getFailedMessages().isEmpty() && t.getCause() == null) {
                Exception first = send.getFailedMessages().values().iterator().next();
                text.append(" <- ").append(describe(first));
                break;
            }
        }
        return text.toString();
    }
}
