package com.followthrough.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.FollowThroughApplication;

/**
 * A case answered 2xx survives a crash of the app: the packaged app runs as a JVM of its own on a fresh database,
 * takes a steady stream of {@code POST /api/cases} with an {@code Idempotency-Key}, and is killed
 * ({@code kill -9}, {@link Process#destroyForcibly()}) mid-stream, twice. Each case answered is sent a message of the
 * customer's ({@code POST /api/cases/{reference}/messages}, with a key of its own), so kills fall on messages being
 * delivered too. After each restart on the same database every request is sent again with its key. Every case
 * answered 2xx is still there, a retry answers the same reference, no request opened two cases, and every case has
 * exactly one acknowledgment; every message answered 2xx is on its case, and every message is there exactly once.
 *
 * <p>The database is the embedded default (H2 on a file, the url of application.yaml in a temporary folder), or the
 * one given by {@code -Dcrash-test.datasource.url}, {@code .username} and {@code .password} (e.g. PostgreSQL).
 */
class AnsweredCasesSurviveACrashIT {

    static final int KILLS = 2;
    static final int CLIENTS = 4;
    static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(4);
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    static final Pattern REFERENCE = Pattern.compile("\"reference\":\"([^\"]+)\"");
    static final Pattern ACKNOWLEDGMENT = Pattern.compile("\"kind\":\"acknowledgment\"");

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Idempotency-Key → the reference the app answered with 2xx (before any kill). */
    final Map<String, String> answered = new ConcurrentHashMap<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger successes = new AtomicInteger();
    /** A customer's message's Idempotency-Key → the case it was sent to. */
    final Map<String, String> messageTo = new ConcurrentHashMap<>();
    /** The keys of the messages answered 202 before a kill. */
    final Set<String> messagesAnswered = ConcurrentHashMap.newKeySet();
    Path workDirectory;
    int port;

    @Test
    void everyCaseAnsweredBeforeAKillIsThereAfterTheRestartAndNoneIsOpenedTwice() throws Exception {
        workDirectory = Files.createDirectories(Path.of("target", "crash-test"));
        port = freePort();
        String[] database = database();

        Process app = start(database, 0);
        long casesBefore = supportCaseCount();
        int lostInTotal = 0;
        int messagesLost = 0;
        for (int round = 1; round <= KILLS; round++) {
            assertThat(steadyLoadFor(LOAD_BEFORE_KILL, round)).as("a request answered right before kill " + round).isTrue();
            app.destroyForcibly().waitFor();
            app = start(database, round);
            lostInTotal += lostCases();
            messagesLost += lostMessages();
            retryEveryRequest();
            retryEveryMessage();
        }
        try {
            Map<String, String> referenceByKey = retryEveryRequest();
            Set<String> references = new HashSet<>(referenceByKey.values());
            long duplicates = supportCaseCount() - casesBefore - references.size();
            int withoutOneAcknowledgment = casesWithoutOneAcknowledgment(references);
            retryEveryMessage();
            int messagesNotOnce = messagesNotExactlyOnce();

            System.out.printf("Crash test: %d requests, %d answered 2xx, %d kills, %d keys, %d cases, lost=%d, "
                            + "duplicates=%d, cases without exactly one acknowledgment=%d; %d messages, %d answered"
                            + " before a kill, lost=%d, not exactly once=%d%n", requests.get(),
                    successes.get(), KILLS, keys.size(), references.size(), lostInTotal, duplicates,
                    withoutOneAcknowledgment, messageTo.size(), messagesAnswered.size(), messagesLost,
                    messagesNotOnce);
            assertThat(lostInTotal).as("cases answered 2xx and gone after a kill").isZero();
            assertThat(references).as("one case per key").hasSize(keys.size());
            assertThat(duplicates).as("cases opened twice").isZero();
            assertThat(withoutOneAcknowledgment).as("cases without exactly one acknowledgment").isZero();
            assertThat(messageTo).as("messages sent while the app was killed").isNotEmpty();
            assertThat(messagesLost).as("messages answered 202 and gone after a kill").isZero();
            assertThat(messagesNotOnce).as("messages not on their case exactly once").isZero();
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
            app.destroyForcibly();
        }
    }

    // --- load -------------------------------------------------------------------------------------------------------

    /**
     * Runs the load for {@code duration}, then returns the moment the next request is answered 2xx: the kill that
     * follows hits the database a few milliseconds after a commit it confirmed, the moment a late write loses it.
     */
    private boolean steadyLoadFor(Duration duration, int round) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean armed = new AtomicBoolean(false);
        CountDownLatch nextAnswer = new CountDownLatch(1);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int client = 0; client < CLIENTS; client++) {
            int clientNumber = client;
            clients.execute(() -> {
                while (running.get()) {
                    String key = "crash-" + round + "-" + clientNumber + "-" + sequence.incrementAndGet();
                    keys.add(key);
                    try {
                        String reference = open(key);
                        if (reference != null) {
                            answered.put(key, reference);
                            if (armed.get()) {
                                nextAnswer.countDown();
                            }
                            String messageKey = "message-" + key;
                            messageTo.put(messageKey, reference);
                            if (sendMessage(messageKey).statusCode() == 202) {
                                messagesAnswered.add(messageKey);
                            }
                        }
                    } catch (IOException killed) {
                        // No answer: the client does not know; it sends the request again after the restart.
                    }
                }
            });
        }
        Thread.sleep(duration.toMillis());
        armed.set(true);
        boolean answeredJustNow = nextAnswer.await(60, TimeUnit.SECONDS);
        // Killed while the clients are still sending: some requests are in flight, one answered just now.
        clients.shutdown();
        running.set(false);
        return answeredJustNow;
    }

    /** POST /api/cases; the reference on 2xx, null on another answer; IOException without an answer. */
    private String open(String key) throws IOException {
        HttpResponse<String> response = post(key);
        return response.statusCode() / 100 == 2 ? reference(response) : null;
    }

    private HttpResponse<String> post(String key) throws IOException {
        requests.incrementAndGet();
        int n = Math.abs(key.hashCode() % 1000);
        String body = """
                {"customer": {"name": "Crash Customer %d", "email": "%s@crash.test", "phone": "+1 555 0%03d", "plan": "premium"},
                 "language": "en", "channel": "email", "priority": "normal",
                 "subject": "Order %s never arrived", "description": "I ordered it three weeks ago."}
                """.formatted(n, key, n, key);
        return send(HttpRequest.newBuilder(uri("/api/cases"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)), "portal");
    }

    /** The customer writes to the case: a text that names the key, so that it is found on the case. */
    private HttpResponse<String> sendMessage(String key) throws IOException {
        requests.incrementAndGet();
        String body = "{\"text\": \"" + messageText(key) + "\", \"channel\": \"email\"}";
        return send(HttpRequest.newBuilder(uri("/api/cases/" + messageTo.get(key) + "/messages"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)), "portal");
    }

    private static String messageText(String key) {
        return "Any news on my order? (" + key + ")";
    }

    private String reference(HttpResponse<String> answered) {
        successes.incrementAndGet();
        Matcher reference = REFERENCE.matcher(answered.body());
        assertThat(reference.find()).as(answered.body()).isTrue();
        return reference.group(1);
    }

    // --- checks -----------------------------------------------------------------------------------------------------

    /** Cases answered 2xx that the restarted app does not know. */
    private int lostCases() throws IOException {
        int lost = 0;
        for (String reference : answered.values()) {
            if (send(HttpRequest.newBuilder(uri("/api/cases/" + reference)).GET(), "portal").statusCode() != 200) {
                System.out.println("Crash test: lost " + reference);
                lost++;
            }
        }
        return lost;
    }

    /** Sends every request again with its key; each answered one must answer its reference. */
    private Map<String, String> retryEveryRequest() throws IOException {
        Map<String, String> referenceByKey = new HashMap<>();
        for (String key : keys) {
            HttpResponse<String> response = post(key);
            assertThat(response.statusCode()).as("retry of " + key + ": " + response.body()).isBetween(200, 299);
            String reference = reference(response);
            if (answered.containsKey(key)) {
                assertThat(reference).as("retry of " + key + " answers the same reference").isEqualTo(answered.get(key));
            }
            referenceByKey.put(key, reference);
            answered.putIfAbsent(key, reference); // answered 2xx now: it must survive the next kill too
        }
        return referenceByKey;
    }

    /** Messages answered 202 that are not on their case after the restart. */
    private int lostMessages() throws IOException {
        int lost = 0;
        for (String key : messagesAnswered) {
            if (timesOnTheCase(key) == 0) {
                System.out.println("Crash test: lost message " + key);
                lost++;
            }
        }
        return lost;
    }

    /** Sends every message again with its key: each is taken (202), one answered before answers as a replay. */
    private void retryEveryMessage() throws IOException {
        for (String key : messageTo.keySet()) {
            HttpResponse<String> response = sendMessage(key);
            assertThat(response.statusCode()).as("retry of " + key + ": " + response.body()).isEqualTo(202);
            if (messagesAnswered.contains(key)) {
                assertThat(response.headers().firstValue("Idempotent-Replayed")).as("retry of " + key)
                        .hasValue("true");
            }
            messagesAnswered.add(key); // answered 202 now: it must survive the next kill too
        }
    }

    private int messagesNotExactlyOnce() throws IOException {
        int wrong = 0;
        for (String key : messageTo.keySet()) {
            long times = timesOnTheCase(key);
            if (times != 1) {
                System.out.println("Crash test: message " + key + " is on its case " + times + " times");
                wrong++;
            }
        }
        return wrong;
    }

    /** How often the customer's message is among the inbound messages of the case file. */
    private long timesOnTheCase(String key) throws IOException {
        HttpResponse<String> caseFile = send(HttpRequest.newBuilder(uri("/api/cases/" + messageTo.get(key))).GET(),
                "portal");
        assertThat(caseFile.statusCode()).as(caseFile.body()).isEqualTo(200);
        long times = 0;
        for (JsonNode message : JSON.readTree(caseFile.body()).path("messages")) {
            if ("inbound".equals(message.path("direction").asText())
                    && messageText(key).equals(message.path("body").asText())) {
                times++;
            }
        }
        return times;
    }

    private long supportCaseCount() throws IOException {
        HttpResponse<String> count = send(HttpRequest.newBuilder(
                uri("/engine-rest/history/process-instance/count?processDefinitionKey=SupportCase")).GET(), "demo");
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        return Long.parseLong(count.body().replaceAll("\\D", ""));
    }

    /** The acknowledgment is its own asynchronous step: waits for the job executor to have run it for every case. */
    private int casesWithoutOneAcknowledgment(Set<String> references) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> waiting = new HashSet<>(references);
        Set<String> wrong = new HashSet<>();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (String reference : List.copyOf(waiting)) {
                String caseView = send(HttpRequest.newBuilder(uri("/api/cases/" + reference)).GET(), "portal").body();
                long acknowledgments = ACKNOWLEDGMENT.matcher(caseView).results().count();
                if (acknowledgments > 0) {
                    waiting.remove(reference);
                    if (acknowledgments != 1) {
                        System.out.println("Crash test: " + reference + " has " + acknowledgments + " acknowledgments");
                        wrong.add(reference);
                    }
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(500);
            }
        }
        waiting.forEach(reference -> System.out.println("Crash test: " + reference + " has no acknowledgment"));
        wrong.addAll(waiting);
        return wrong.size();
    }

    // --- the app as a JVM of its own ----------------------------------------------------------------------------------

    private Process start(String[] database, int restart) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", applicationClassPath(), FollowThroughApplication.class.getName(),
                "--spring.profiles.active=demo", "--server.port=" + port,
                "--spring.datasource.url=" + database[0], "--spring.datasource.username=" + database[1],
                "--spring.datasource.password=" + database[2],
                "--follow-through.demo.history.cases=0", "--follow-through.mail.dispatcher.enabled=false",
                // A job the killed JVM had locked (an acknowledgment being written) is taken over when its lock
                // expires: 5 minutes by default, 10 seconds here so the test need not wait that long.
                "--camunda.bpm.job-execution.lock-time-in-millis=10000"));
        File log = workDirectory.resolve("app-" + restart + ".log").toFile();
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the app runs (see " + log + ")").isTrue();
            try {
                if (send(HttpRequest.newBuilder(uri("/engine-rest/engine")).GET(), "demo").statusCode() == 200) {
                    return app;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        app.destroyForcibly();
        throw new AssertionError("The app did not start within " + START_TIMEOUT + " (see " + log + ")");
    }

    /** url, username, password: -Dcrash-test.datasource.* or the embedded default on a fresh file. */
    private String[] database() throws IOException {
        String url = System.getProperty("crash-test.datasource.url");
        if (url != null) {
            return new String[] {url, System.getProperty("crash-test.datasource.username", ""),
                    System.getProperty("crash-test.datasource.password", "")};
        }
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties settings = yaml.getObject();
        Path folder = Files.createTempDirectory(workDirectory.toAbsolutePath(), "h2-");
        String embedded = settings.getProperty("spring.datasource.url")
                .replace("./data/follow-through", folder.resolve("follow-through").toString());
        return new String[] {embedded, settings.getProperty("spring.datasource.username"),
                settings.getProperty("spring.datasource.password", "")};
    }

    /** The app's classes and libraries as the build has them, without the test classes and their settings. */
    private static String applicationClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String user) throws IOException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).header("Authorization", "Basic " + credentials).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
