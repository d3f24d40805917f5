package com.followthrough.communication;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Hands one customer message to the mail server (Spring Mail). Spring Boot creates the {@link JavaMailSender} only
 * when {@code spring.mail.host} is set; without it nothing is {@linkplain #configured() configured} and messages are
 * recorded as not delivered. Every mail carries the message's own Message-ID ({@code <ft-message-ID@follow-through>}),
 * the same on a resend. SMTP goes through {@link HandoverTrackingSmtpTransport}, so a failure says whether the mail's
 * content had been handed over ({@link DeliveryFailures}). The app does not start with SMTP timeouts a send could
 * outlast the dispatcher's sending timeout with ({@link SmtpTimeouts}).
 */
@Component
public class MailDelivery {

    private final JavaMailSender sender;
    private final String from;

    @Autowired
    public MailDelivery(ObjectProvider<JavaMailSender> sender, MailSettings settings) {
        this(sender.getIfAvailable(), settings.from());
        if (this.sender instanceof JavaMailSenderImpl smtp) {
            String protocol = smtp.getProtocol() != null ? smtp.getProtocol() : JavaMailSenderImpl.DEFAULT_PROTOCOL;
            SmtpTimeouts.of(smtp.getJavaMailProperties(), protocol)
                    .leaveTimeToFinish(settings.dispatcher().sendingTimeout(), protocol);
        }
    }

    /** {@code sender} null: no mail server configured. */
    public MailDelivery(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
        if (sender instanceof JavaMailSenderImpl smtp) {
            HandoverTrackingSmtpTransport.installOn(smtp);
        }
    }

    public boolean configured() {
        return sender != null;
    }

    /** Sends the mail; throws a {@link org.springframework.mail.MailException} when it could not. */
    public void send(CustomerMessage message) {
        if (sender == null) {
            throw new IllegalStateException("No mail server configured (spring.mail.host)");
        }
        MimeMessage mail = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(mail, "UTF-8");
            helper.setFrom(from);
            helper.setTo(message.recipient());
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            mail.setHeader("Content-Language", message.language());
            // JavaMailSenderImpl keeps a Message-ID that is set before sending.
            mail.setHeader("Message-ID", message.messageId());
        } catch (MessagingException invalid) {
            throw new MailPreparationException("Message " + message.id() + " cannot be written as a mail", invalid);
        }
        sender.send(mail);
    }
}
