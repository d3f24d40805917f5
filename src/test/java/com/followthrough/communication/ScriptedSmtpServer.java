package com.followthrough.communication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server that answers each stage of a session from a script: a reply line, {@link #DROP} (close the
 * connection without answering) or {@link #SILENCE} (answer nothing, so the client times out). Stages not in the
 * script answer as a willing server does. It counts the mail contents it received completely (up to the final
 * {@code "."}), which is what a real server would deliver.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    enum Stage { GREETING, EHLO, MAIL, RCPT, DATA, END_OF_DATA, QUIT }

    static final String DROP = "<drop the connection>";
    static final String SILENCE = "<answer nothing>";

    private static final Map<Stage, String> WILLING = Map.of(
            Stage.GREETING, "220 scripted.test ESMTP",
            Stage.EHLO, "250 scripted.test",
            Stage.MAIL, "250 2.1.0 Sender OK",
            Stage.RCPT, "250 2.1.5 Recipient OK",
            Stage.DATA, "354 End data with <CR><LF>.<CR><LF>",
            Stage.END_OF_DATA, "250 2.0.0 Queued as 1",
            Stage.QUIT, "221 2.0.0 Bye");

    private final Map<Stage, String> script = new EnumMap<>(WILLING);
    private final ServerSocket socket;
    private final Thread thread;
    private final AtomicInteger contentsTaken = new AtomicInteger();
    private final List<String> commands = new ArrayList<>();

    private ScriptedSmtpServer(Map<Stage, String> script) throws IOException {
        this.script.putAll(script);
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "scripted-smtp-" + socket.getLocalPort());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static ScriptedSmtpServer start(Map<Stage, String> script) {
        try {
            return new ScriptedSmtpServer(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Mail contents received up to the final "." and not refused: mails the server may deliver. */
    int contentsTaken() {
        return contentsTaken.get();
    }

    synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                converse(connection);
            } catch (SocketException closed) {
                // closed by close(), or the client went away
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void converse(Socket connection) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = connection.getOutputStream();
        if (!answer(Stage.GREETING, in, out)) {
            return;
        }
        String line;
        while ((line = in.readLine()) != null) {
            synchronized (this) {
                commands.add(line);
            }
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            Stage stage = switch (verb) {
                case "EHLO", "HELO" -> Stage.EHLO;
                case "MAIL" -> Stage.MAIL;
                case "RCPT" -> Stage.RCPT;
                case "DATA" -> Stage.DATA;
                case "QUIT" -> Stage.QUIT;
                default -> null;
            };
            if (stage == null) {
                reply(out, verb.equals("RSET") || verb.equals("NOOP") ? "250 OK" : "502 5.5.2 Not implemented");
                continue;
            }
            if (!answer(stage, in, out) || stage == Stage.QUIT) {
                return;
            }
            if (stage == Stage.DATA && script.get(Stage.DATA).startsWith("354")) {
                if (!readContent(in)) {
                    return;
                }
                String verdict = script.get(Stage.END_OF_DATA);
                if (!verdict.startsWith("4") && !verdict.startsWith("5")) {
                    contentsTaken.incrementAndGet();
                }
                if (!answer(Stage.END_OF_DATA, in, out)) {
                    return;
                }
            }
        }
    }

    /** Answers a stage as scripted; false when the conversation is over. */
    private boolean answer(Stage stage, BufferedReader in, OutputStream out) throws IOException {
        String action = script.get(stage);
        if (DROP.equals(action)) {
            return false;
        }
        if (SILENCE.equals(action)) {
            while (in.readLine() != null) {
                // the client gives up and closes
            }
            return false;
        }
        reply(out, action);
        return true;
    }

    private static boolean readContent(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(".")) {
                return true;
            }
        }
        return false;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
