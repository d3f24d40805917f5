package com.followthrough.communication;

import java.io.OutputStream;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.URLName;

/**
 * Angus Mail's SMTP transport that knows how far a failed send got: a failure is thrown as a
 * {@link SmtpSendFailure} naming the stage, so that a connection that breaks after the mail's content was handed over
 * (the server may deliver it) is told apart from one that breaks before (nothing went out). Installed on Spring's
 * {@link JavaMailSenderImpl} by {@link #installOn(JavaMailSenderImpl)}.
 */
public class HandoverTrackingSmtpTransport extends SMTPTransport {

    private static final Logger log = LoggerFactory.getLogger(HandoverTrackingSmtpTransport.class);

    private boolean contentHandedOver;

    public HandoverTrackingSmtpTransport(Session session, URLName urlName) {
        super(session, urlName);
    }

    /**
     * Makes {@code sender} use this transport for {@code smtp}. Other protocols (smtps) keep Angus Mail's own, and
     * {@link DeliveryFailures} falls back to judging by the exception alone.
     */
    static void installOn(JavaMailSenderImpl sender) {
        String protocol = sender.getProtocol() != null ? sender.getProtocol() : JavaMailSenderImpl.DEFAULT_PROTOCOL;
        if (!"smtp".equals(protocol)) {
            return;
        }
        Properties properties = new Properties();
        properties.putAll(sender.getJavaMailProperties());
        properties.setProperty("mail.smtp.class", HandoverTrackingSmtpTransport.class.getName());
        Session session = Session.getInstance(properties);
        session.addProvider(new Provider(Provider.Type.TRANSPORT, "smtp", HandoverTrackingSmtpTransport.class.getName(),
                "Follow-Through", "1"));
        sender.setSession(session);
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        try {
            return super.protocolConnect(host, port, user, password);
        } catch (AuthenticationFailedException loginRefused) {
            throw loginRefused;
        } catch (MessagingException failure) {
            throw new SmtpSendFailure(SmtpSendFailure.Stage.CONNECTING, failure);
        }
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        contentHandedOver = false;
        try {
            super.sendMessage(message, addresses);
        } catch (MessagingException failure) {
            throw new SmtpSendFailure(contentHandedOver ? SmtpSendFailure.Stage.CONTENT_HANDED_OVER
                    : SmtpSendFailure.Stage.ENVELOPE, failure);
        }
    }

    @Override
    protected OutputStream data() throws MessagingException {
        OutputStream content = super.data();
        contentHandedOver = true;
        return content;
    }

    @Override
    protected OutputStream bdat() throws MessagingException {
        OutputStream content = super.bdat();
        contentHandedOver = true;
        return content;
    }

    /**
     * A failing QUIT changes nothing about the mails sent on this connection; reported, Spring would turn it into a
     * failed send of a mail the server has accepted.
     */
    @Override
    public synchronized void close() throws MessagingException {
        try {
            super.close();
        } catch (MessagingException quitFailed) {
            log.debug("Closing the SMTP connection failed after the sends were settled", quitFailed);
        }
    }
}
