package com.followthrough.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.followthrough.TestPostgres;

/**
 * Two app nodes, each its own JVM with its job executor on, on one PostgreSQL ({@link TestPostgres}). N cases
 * ({@code -Dcluster.cases}, 200 by default) are opened through {@code /api/cases} on both nodes; their "First response
 * due" timers are made due by setting their due dates in the past, a batch at a time until both nodes fire them; one
 * node is stopped mid-way and the rest fall due at once. Every
 * timer fires exactly once (one "Give the customer a first response" task per case, one successful job log entry per
 * timer), every case has exactly one acknowledgment, both nodes did work, and the node left finishes. A model deployed
 * through {@code /engine-rest/deployment/create} on one node (as Camunda Modeler deploys) is started on both nodes
 * and its jobs run on both: the other node's job executor is not deployment aware. {@code -Dpostgres.skip=true} skips
 * it. The figures go to {@code target/cluster/figures.txt} (docs/reliability.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {

    private static final int CASES = Integer.getInteger("cluster.cases", 200);
    private static final int PROBES = 40;
    private static final Map<String, Object> FIGURES = new LinkedHashMap<>();

    private static TestPostgres postgres;
    private static AppNode nodeA;
    private static AppNode nodeB;

    @BeforeAll
    static void startTwoNodes() throws IOException {
        assumeFalse(Boolean.getBoolean("postgres.skip"), "-Dpostgres.skip=true");
        postgres = TestPostgres.instance();
        Instant started = Instant.now();
        // One after the other: the first creates the engine's tables and Flyway's, the second finds them.
        nodeA = AppNode.start("node-a", postgres);
        nodeB = AppNode.start("node-b", postgres);
        FIGURES.put("nodes started in s", Duration.between(started, Instant.now()).toSeconds());
    }

    @AfterAll
    static void stopNodes() throws IOException {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        Path figures = Paths.get("target", "cluster", "figures.txt");
        Files.createDirectories(figures.getParent());
        StringBuilder text = new StringBuilder();
        FIGURES.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        Files.writeString(figures, text);
        System.out.print(text);
    }

    @Test
    @Order(1)
    void aModelDeployedToOneNodeIsStartedOnTheOtherAndItsJobsRunOnBoth() throws Exception {
        HttpResponse<String> deployed = nodeA.postFile("/engine-rest/deployment/create", "demo", "cluster-probe.bpmn",
                PROBE_MODEL, "deployment-name", "cluster-probe", "deploy-changed-only", "true");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

        // Node B was not deployed to: with deployment awareness on, its job executor would leave these jobs alone.
        for (int i = 0; i < PROBES; i++) {
            AppNode node = i % 2 == 0 ? nodeB : nodeA;
            HttpResponse<String> started = node.postJson(
                    "/engine-rest/process-definition/key/ClusterProbe/start", "demo", "{}");
            assertThat(started.statusCode()).as(node.name + ": " + started.body()).isEqualTo(200);
        }

        awaitCount("SELECT count(*) FROM act_hi_procinst WHERE proc_def_key_ = 'ClusterProbe' AND end_time_ IS NOT NULL",
                ended -> ended == PROBES, Duration.ofSeconds(90));
        Map<String, Long> perNode = jobsPerNode("Event_ProbeWaitOver");
        FIGURES.put("probe jobs per node", perNode);
        assertThat(perNode).containsOnlyKeys("node-a", "node-b");
        assertThat(perNode.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(PROBES);
    }

    @Test
    @Order(2)
    void everyDueTimerFiresExactlyOnceAndTheNodeLeftFinishesWhenOneStops() throws Exception {
        Instant opening = Instant.now();
        // An intake system on each node, at the same time.
        CompletableFuture<Void> onA = CompletableFuture.runAsync(() -> openCases(nodeA, 0));
        CompletableFuture<Void> onB = CompletableFuture.runAsync(() -> openCases(nodeB, 1));
        CompletableFuture.allOf(onA, onB).join();
        awaitCount(TIMERS_WAITING, timers -> timers == CASES, Duration.ofSeconds(60 + CASES / 20));
        FIGURES.put("cases", CASES);
        FIGURES.put("cases opened in s", Duration.between(opening, Instant.now()).toSeconds());

        // Time passes: the first responses fall due, a batch every half second, until node B has fired timers of its
        // own; then node B stops in the middle of the work and the rest fall due at once, for node A alone. (Made due
        // all at once, 200 timers once fired in 2 s, and in CI node A fired a quarter of them before node B's idle job
        // executor looked again, up to 2 s later: node B was stopped having fired none.)
        Instant due = Instant.now();
        long released = 0;
        Instant giveUp = due.plus(Duration.ofSeconds(90 + CASES / 20));
        while (count(FIRED) < CASES / 4 || count(FIRED + " AND hostname_ = 'node-b'") == 0) {
            assertThat(Instant.now()).as("node-b fired no timer; released " + released).isBefore(giveUp);
            if (released < CASES) {
                released += execute("UPDATE act_ru_job SET duedate_ = now() - interval '1 minute' WHERE id_ IN"
                        + " (SELECT j.id_ FROM act_ru_job j JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_"
                        + " WHERE d.act_id_ = 'Event_FirstResponseDue' AND j.duedate_ > now() ORDER BY j.id_ LIMIT "
                        + CASES / 10 + ")");
            }
            AppNode.pause(Duration.ofMillis(500));
        }
        long firedWhenStopping = count(FIRED);
        nodeB.stop();
        FIGURES.put("timers fired when node-b was stopped", firedWhenStopping);
        FIGURES.put("timers due when node-b was stopped", released);
        execute("UPDATE act_ru_job SET duedate_ = now() - interval '1 minute' WHERE job_def_id_ IN"
                + " (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = 'Event_FirstResponseDue')");

        awaitCount(FIRED, fired -> fired == CASES, Duration.ofSeconds(120 + CASES / 10));
        FIGURES.put("all timers fired in s", Duration.between(due, Instant.now()).toSeconds());
        assertThat(nodeA.isRunning()).isTrue();

        long timers = count(FIRED);
        long duplicateFirings = count("SELECT count(*) FROM (SELECT job_id_ FROM act_hi_job_log WHERE act_id_ ="
                + " 'Event_FirstResponseDue' AND job_state_ = 2 GROUP BY job_id_ HAVING count(*) > 1) d");
        long duplicateTasks = count("SELECT count(*) FROM (SELECT proc_inst_id_ FROM act_hi_taskinst WHERE"
                + " task_def_key_ = 'Task_GiveFirstResponse' GROUP BY proc_inst_id_ HAVING count(*) > 1) d");
        long tasks = count("SELECT count(*) FROM act_hi_taskinst WHERE task_def_key_ = 'Task_GiveFirstResponse'");
        long timersLeft = count(TIMERS_WAITING);
        long duplicateMessages = count("SELECT count(*) FROM (SELECT case_reference, kind FROM ft_customer_message"
                + " WHERE direction = 'OUTBOUND' GROUP BY case_reference, kind HAVING count(*) > 1) d");
        long acknowledgments = count("SELECT count(*) FROM ft_customer_message WHERE kind = 'ACKNOWLEDGMENT'");
        Map<String, Long> perNode = jobsPerNode("Event_FirstResponseDue");
        FIGURES.put("timers fired", timers);
        FIGURES.put("duplicate timer firings", duplicateFirings);
        FIGURES.put("duplicate tasks", duplicateTasks);
        FIGURES.put("duplicate customer messages", duplicateMessages);
        FIGURES.put("lost timers", CASES - tasks + timersLeft);
        FIGURES.put("timer jobs per node", perNode);
        FIGURES.put("all jobs per node", jobsPerNode(null));

        assertThat(timers).isEqualTo(CASES);
        assertThat(tasks).isEqualTo(CASES);
        assertThat(timersLeft).isZero();
        assertThat(duplicateFirings).isZero();
        assertThat(duplicateTasks).isZero();
        assertThat(duplicateMessages).isZero();
        assertThat(acknowledgments).isEqualTo(CASES);
        assertThat(perNode.get("node-a")).isPositive();
        assertThat(perNode.get("node-b")).isPositive();
    }

    private static final String TIMERS_WAITING = "SELECT count(*) FROM act_ru_job j JOIN act_ru_jobdef d"
            + " ON d.id_ = j.job_def_id_ WHERE d.act_id_ = 'Event_FirstResponseDue'";

    private static final String FIRED =
            "SELECT count(*) FROM act_hi_job_log WHERE act_id_ = 'Event_FirstResponseDue' AND job_state_ = 2";

    private static void openCases(AppNode node, int first) {
        for (int i = first; i < CASES; i += 2) {
            try {
                HttpResponse<String> opened = node.postJson("/api/cases", "portal", caseJson(i));
                assertThat(opened.statusCode()).as(node.name + ": " + opened.body()).isEqualTo(201);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String caseJson(int i) {
        return """
                {"customer": {"name": "Customer %1$d", "email": "customer%1$d@example.org", "phone": "+49 30 555 %1$04d",
                  "plan": "standard"},
                 "language": "en", "channel": "email", "priority": "normal",
                 "subject": "Cluster case %1$d", "description": "The invoice shows the wrong amount."}
                """.formatted(i);
    }

    private Map<String, Long> jobsPerNode(String activityId) throws SQLException {
        Map<String, Long> perNode = new LinkedHashMap<>();
        String where = activityId == null ? "" : " AND act_id_ = '" + activityId + "'";
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT hostname_, count(*) FROM act_hi_job_log WHERE job_state_ = 2"
                     + where + " GROUP BY hostname_ ORDER BY hostname_")) {
            while (rows.next()) {
                perNode.put(rows.getString(1), rows.getLong(2));
            }
        }
        return perNode;
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static int execute(String sql) throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private static void awaitCount(String sql, LongPredicate done, Duration timeout) throws SQLException {
        Instant giveUp = Instant.now().plus(timeout);
        long last = count(sql);
        while (!done.test(last)) {
            assertThat(Instant.now()).as("waiting for " + sql + ", last " + last).isBefore(giveUp);
            AppNode.pause(Duration.ofMillis(250));
            last = count(sql);
        }
    }

    /** A designer's model as the Modeler deploys it: a timer that is due at once, so the job executor runs it. */
    private static final String PROBE_MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_ClusterProbe"
                targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="ClusterProbe" name="Cluster probe" isExecutable="true" camunda:historyTimeToLive="1">
                <bpmn:startEvent id="StartEvent_ProbeStarted" />
                <bpmn:sequenceFlow id="Flow_StartedToWait" sourceRef="StartEvent_ProbeStarted" targetRef="Event_ProbeWaitOver" />
                <bpmn:intermediateCatchEvent id="Event_ProbeWaitOver">
                  <bpmn:timerEventDefinition id="TimerEventDefinition_ProbeWaitOver">
                    <bpmn:timeDuration>PT0S</bpmn:timeDuration>
                  </bpmn:timerEventDefinition>
                </bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="Flow_WaitToEnd" sourceRef="Event_ProbeWaitOver" targetRef="EndEvent_ProbeDone" />
                <bpmn:endEvent id="EndEvent_ProbeDone" />
              </bpmn:process>
            </bpmn:definitions>
            """;
}
