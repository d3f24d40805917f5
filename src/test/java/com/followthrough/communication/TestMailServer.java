package com.followthrough.communication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The tests' SMTP server: GreenMail inside the test JVM, on a free port chosen once per JVM ({@link #PORT}). The
 * shared test context's {@code spring.mail.port} is that port ({@link PortProperty}), so the one application
 * context sends to it whenever a test starts the server and runs the dispatcher. Tests that need mail
 * {@link #start()} it; {@link #stop()} is the mail server being down.
 */
public final class TestMailServer {

    public static final int PORT = freePort();

    private static GreenMail server;

    private TestMailServer() {
    }

    /** Starts a fresh, empty server on {@link #PORT} (stopping a running one first). */
    public static synchronized void start() {
        stop();
        server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** The mail server is down: connections to {@link #PORT} are refused. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public static synchronized List<MimeMessage> received() {
        return server == null ? List.of() : Arrays.asList(server.getReceivedMessages());
    }

    /** Mails received for one address. */
    public static List<MimeMessage> receivedBy(String recipient) {
        return received().stream().filter(mail -> {
            try {
                return Arrays.stream(mail.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands {@link #PORT} to the application as {@code test-mail-server.port} (registered in the tests' spring.factories). */
    public static class PortProperty implements EnvironmentPostProcessor {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            environment.getPropertySources().addLast(
                    new MapPropertySource("test-mail-server", Map.of("test-mail-server.port", PORT)));
        }
    }
}
