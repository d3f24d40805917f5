package com.followthrough.communication;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

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
 */
final class DeliveryFailures {

    enum Outcome {
        /** The mail cannot be written at all (an invalid address, say): retrying does not help. */
        CANNOT_BE_SENT,
        /** The server was not reached, refused the login or rejected the mail: nothing went out, try again later. */
        NOT_SENT,
        /** It may have gone out. */
        UNCERTAIN
    }

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
