package com.followthrough.communication;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import jakarta.mail.MessagingException;

/**
 * A send that failed, with how far the SMTP session got ({@link HandoverTrackingSmtpTransport}) and the server's
 * reply code, if it answered at all. {@link DeliveryFailures} decides from these what the failure means.
 */
final class SmtpSendFailure extends MessagingException {

    enum Stage {
        /** Connecting, greeting, EHLO, STARTTLS, login: nothing about the mail was sent. */
        CONNECTING,
        /** MAIL FROM, RCPT TO, DATA: the server knows the envelope, not the mail. */
        ENVELOPE,
        /** The server answered DATA with 354 and the content went out: only its answer to the final "." settles it. */
        CONTENT_HANDED_OVER
    }

    /** No reply code: the server did not answer (connection dropped, timeout). */
    static final int NO_REPLY = -1;

    private final Stage stage;
    private final int replyCode;

    SmtpSendFailure(Stage stage, MessagingException failure) {
        super(stage + ": " + failure.getMessage(), failure);
        this.stage = stage;
        this.replyCode = replyCodeOf(failure);
    }

    Stage stage() {
        return stage;
    }

    int replyCode() {
        return replyCode;
    }

    /** The server answered 4xx or 5xx: it refused, so it did not take the mail. */
    boolean refused() {
        return replyCode >= 400 && replyCode < 600;
    }

    boolean refusedForGood() {
        return replyCode >= 500 && replyCode < 600;
    }

    private static int replyCodeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            int code = t instanceof SMTPSendFailedException send ? send.getReturnCode()
                    : t instanceof SMTPAddressFailedException address ? address.getReturnCode()
                    : t instanceof SMTPSenderFailedException sender ? sender.getReturnCode()
                    : NO_REPLY;
            if (code >= 200) {
                return code;
            }
        }
        return NO_REPLY;
    }
}
