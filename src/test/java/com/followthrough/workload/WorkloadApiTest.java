package com.followthrough.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;
import com.followthrough.vocabulary.Processes;

/**
 * {@code GET /api/workload} with known answers and {@code PUT /api/agents/{user}/absence} over HTTP. Two agents of
 * their own team, agents-fr (Ida, capacity 5 in application-test.yaml, and Ivo, the default 8), own cases from late
 * January to the first week of February 2032, far from the other tests; they also speak English, the cases' language.
 */
@FollowThroughSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadApiTest {

    static final String MARIA = "maria:maria";
    static final String TEAM = "agents-fr";
    static final Instant LAST_THURSDAY = CaseDriver.berlin("2032-01-29T09:00");
    static final Instant MONDAY = CaseDriver.berlin("2032-02-02T09:00");
    static final Instant WEDNESDAY = CaseDriver.berlin("2032-02-04T09:00");

    @Autowired ProcessEngine engine;
    @Autowired IdentityService identityService;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired JdbcClient jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;
    private final List<CaseDriver> cases = new ArrayList<>();
    private JsonNode whileIvoIsAway;
    private CaseDriver ivosCase;

    WorkloadApiTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    /**
     * Ida: last Thursday a promise broke (last week); on Monday she promises a callback for Tuesday 10:00, which
     * breaks; Ivo promises one for Tuesday 11:00 and is away from Monday 09:30 until Tuesday 18:00, his callback
     * with Ida, where it breaks. On Wednesday she promises one for 15:00 (today) and one for Thursday 10:00.
     */
    @BeforeAll
    void generateTheWeek() throws Exception {
        Group team = identityService.newGroup(TEAM);
        team.setName("Agents (French)");
        team.setType("WORKFLOW");
        identityService.saveGroup(team);
        agent("ida", "Ida", "Laurent");
        agent("ivo", "Ivo", "Petit");
        try {
            ClockUtil.setCurrentTime(Date.from(LAST_THURSDAY));
            callbackPromised("ida", Duration.ofHours(3)).timePasses(Duration.ofHours(3)).timerFires("Event_CallbackDue");
            ClockUtil.setCurrentTime(Date.from(MONDAY));
            CaseDriver idas = callbackPromised("ida", Duration.ofHours(25));
            ivosCase = callbackPromised("ivo", Duration.ofHours(26));
            ClockUtil.setCurrentTime(Date.from(MONDAY.plus(Duration.ofMinutes(30))));
            HttpResponse<String> away = absence("ivo", MARIA, """
                    {"from": "2032-02-02T09:30", "to": "2032-02-03T18:00+01:00", "handOverTo": "ida"}""");
            assertThat(away.statusCode()).as(away.body()).isEqualTo(200);
            assertThat(json.readTree(away.body()).at("/handedOver/0/caseReference").asText()).isEqualTo(ivosCase.reference);
            whileIvoIsAway = workload(MARIA);
            idas.timeIs(Date.from(MONDAY.plus(Duration.ofHours(25)))).timerFires("Event_CallbackDue");
            ivosCase.timeIs(Date.from(MONDAY.plus(Duration.ofHours(26)))).timerFires("Event_CallbackDue");
            ClockUtil.setCurrentTime(Date.from(WEDNESDAY));
            callbackPromised("ida", Duration.ofHours(6));
            callbackPromised("ida", Duration.ofHours(25));
            ClockUtil.setCurrentTime(Date.from(WEDNESDAY.plus(Duration.ofHours(1))));
        } catch (Exception | AssertionError e) {
            ClockUtil.reset();
            throw e;
        }
    }

    @AfterAll
    void removeTheTeam() {
        for (CaseDriver c : cases) {
            engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(c.reference)
                    .processDefinitionKey(Processes.SUPPORT_CASE).list()
                    .forEach(instance -> engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test over"));
        }
        for (String id : List.of("ida", "ivo")) {
            jdbc.sql("DELETE FROM ft_absence WHERE user_id = :id").param("id", id).update();
            identityService.deleteUser(id);
        }
        identityService.deleteGroup(TEAM);
        ClockUtil.reset();
    }

    private void agent(String id, String first, String last) {
        CaseDriver.joinsWithPassword(identityService, id, id, first, last, "agents", "agents-en", TEAM);
    }

    private CaseDriver callbackPromised(String owner, Duration in) {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen(owner, Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(in);
        cases.add(c);
        return c;
    }

    private JsonNode workload(String credentials) throws Exception {
        HttpResponse<String> response = http.get("/api/workload", credentials);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> absence(String user, String credentials, String body) throws Exception {
        return http.send(http.request("/api/agents/" + user + "/absence", credentials)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode row(JsonNode workload, String list, String key, String id) {
        for (JsonNode row : workload.get(list)) {
            if (id.equals(row.get(key).asText())) {
                return row;
            }
        }
        throw new AssertionError("no " + key + " " + id + " in " + workload.get(list));
    }

    @Test
    void eachAgentsLoadOnWednesdayMorning() throws Exception {
        JsonNode workload = workload(MARIA);

        assertThat(workload.get("day").asText()).isEqualTo("2032-02-04");
        assertThat(workload.get("weekFrom").asText()).isEqualTo("2032-02-02");
        assertThat(workload.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        JsonNode ida = row(workload, "agents", "user", "ida");
        assertThat(ida.get("name").asText()).isEqualTo("Ida Laurent (ida)");
        assertThat(ida.get("teams")).extracting(JsonNode::asText).containsExactly("agents-en", TEAM);
        assertThat(ida.get("openCases").asLong()).as("four cases listened to").isEqualTo(4);
        assertThat(ida.get("capacity").asInt()).isEqualTo(5);
        assertThat(ida.get("room").asLong()).isEqualTo(1);
        assertThat(ida.get("callbacksDueToday").asLong()).as("15:00 today; not Thursday's").isEqualTo(1);
        assertThat(ida.get("overdueTasks").asLong()).as("last Thursday's, Tuesday's and Ivo's callbacks").isEqualTo(3);
        assertThat(ida.get("brokenPromisesThisWeek").asLong()).as("hers and Ivo's, held by her; not last week's")
                .isEqualTo(2);
        assertThat(ida.get("absence").isNull()).isTrue();

        JsonNode ivo = row(workload, "agents", "user", "ivo");
        // 8, as application-test.yaml sets it: the default there is far above what the suite's agents own.
        assertThat(ivo.get("openCases").asLong()).as("his case stays his").isEqualTo(1);
        assertThat(ivo.get("capacity").asInt()).isEqualTo(8);
        assertThat(ivo.get("room").asLong()).isEqualTo(7);
        assertThat(ivo.get("callbacksDueToday").asLong()).isZero();
        assertThat(ivo.get("overdueTasks").asLong()).isZero();
        assertThat(ivo.get("brokenPromisesThisWeek").asLong()).as("he did not hold the callback when it broke").isZero();
        assertThat(ivo.get("absence").isNull()).as("his absence is over").isTrue();
    }

    @Test
    void theTeamsLoadIsTheSumOfItsAgentsAndItsQueue() throws Exception {
        JsonNode team = row(workload("alex:alex"), "teams", "team", TEAM);

        assertThat(team.get("name").asText()).isEqualTo("Agents (French)");
        assertThat(team.get("agents")).extracting(JsonNode::asText).containsExactly("ida", "ivo");
        assertThat(team.get("openCases").asLong()).isEqualTo(5);
        assertThat(team.get("capacity").asLong()).isEqualTo(13);
        assertThat(team.get("room").asLong()).isEqualTo(8);
        assertThat(team.get("callbacksDueToday").asLong()).isEqualTo(1);
        assertThat(team.get("overdueTasks").asLong()).isEqualTo(3);
        assertThat(team.get("brokenPromisesThisWeek").asLong()).isEqualTo(2);
        assertThat(team.get("queue").asLong()).isZero();
    }

    @Test
    void anAbsentAgentHasNoRoomAndTheirAbsenceIsShown() {
        JsonNode ivo = row(whileIvoIsAway, "agents", "user", "ivo");

        assertThat(ivo.get("room").asLong()).isZero();
        assertThat(ivo.at("/absence/from").asText()).isEqualTo(CaseDriver.berlin("2032-02-02T09:30").toString());
        assertThat(ivo.at("/absence/to").asText()).isEqualTo(CaseDriver.berlin("2032-02-03T18:00").toString());
        assertThat(ivo.at("/absence/handOverTo").asText()).isEqualTo("ida");
        assertThat(row(whileIvoIsAway, "agents", "user", "ida").get("callbacksDueToday").asLong())
                .as("on Monday nothing is due that day").isZero();
    }

    @Test
    void theCallbackWentToIdaWithItsPromisedTime() {
        Task callback = ivosCase.task("Task_CallCustomerBack");
        assertThat(callback.getAssignee()).isEqualTo("ida");
        assertThat(callback.getDueDate()).isEqualTo(Date.from(MONDAY.plus(Duration.ofHours(26))));
        assertThat(ivosCase.promises()).singleElement().satisfies(p -> {
            assertThat(p.madeBy()).isEqualTo("ivo");
            assertThat(p.brokenHolder()).isEqualTo("ida");
        });
    }

    @Test
    void insightsCountTheBrokenPromisesAgainstWhoHeldTheCallback() throws Exception {
        HttpResponse<String> response = http.get("/api/insights?from=2032-02-02&to=2032-02-02", "alex:alex");
        JsonNode byOwner = json.readTree(response.body()).at("/promises/brokenByOwner");

        assertThat(byOwner).hasSize(1);
        assertThat(byOwner.get(0).get("owner").asText()).isEqualTo("ida");
        assertThat(byOwner.get(0).get("broken").asLong()).isEqualTo(2);
    }

    @Test
    void onlySupervisorsAndAnalystsSeeTheWorkload() throws Exception {
        for (String user : List.of("anna:anna", "sam:sam", "dana:dana", "portal:portal")) {
            HttpResponse<String> response = http.get("/api/workload", user);
            assertThat(response.statusCode()).as(user).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(http.get("/api/workload", null).statusCode()).isEqualTo(401);
    }

    @Test
    void onlySupervisorsMarkAnAgentAbsent() throws Exception {
        String body = """
                {"from": "2032-02-04T10:00", "to": "2032-02-05T18:00"}""";
        for (String user : List.of("anna:anna", "alex:alex", "ida:ida")) {
            assertThat(absence("ida", user, body).statusCode()).as(user).isEqualTo(403);
        }
        assertIdaKeepsHerWork();
    }

    @Test
    void anUnknownAgentIsNotFound() throws Exception {
        for (String user : List.of("nobody", "portal", "alex")) {
            HttpResponse<String> response = absence(user, MARIA, """
                    {"from": "2032-02-04T10:00", "to": "2032-02-05T18:00"}""");
            assertThat(response.statusCode()).as(user).isEqualTo(404);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ft_absence WHERE user_id IN ('portal', 'alex')").query(Long.class)
                .single()).isZero();
    }

    /** Ida has nothing due in March: the check is on who may do the work of her team, not on the tasks of today. */
    @Test
    void aStandInOutsideTheAgentsTeamsIsRefusedThoughNothingIsDueYet() throws Exception {
        for (String outsider : List.of("alex", "portal", "jonas")) {
            assertRefused("""
                    {"from": "2032-03-01T10:00", "to": "2032-03-02T18:00", "handOverTo": "%s"}""".formatted(outsider),
                    "handOverTo");
        }
        assertIdaKeepsHerWork();
    }

    /**
     * Ines is off sick since this morning; her holiday next week is entered meanwhile. The holiday does not end the
     * sickness: both are kept, the workload shows the one going on. A PUT that overlaps one replaces that one only.
     */
    @Test
    void anAbsenceAheadEnteredWhileOneGoesOnKeepsBoth() throws Exception {
        User ines = identityService.newUser("ines");
        ines.setFirstName("Ines");
        ines.setLastName("Moreau");
        identityService.saveUser(ines);
        identityService.createMembership("ines", "agents");
        identityService.createMembership("ines", "agents-en");
        try {
            assertThat(absence("ines", MARIA, """
                    {"from": "2032-02-04T09:00", "to": "2032-02-05T18:00"}""").statusCode()).isEqualTo(200);
            HttpResponse<String> holiday = absence("ines", MARIA, """
                    {"from": "2032-02-09T09:00", "to": "2032-02-13T18:00"}""");
            assertThat(holiday.statusCode()).as(holiday.body()).isEqualTo(200);

            JsonNode row = row(workload(MARIA), "agents", "user", "ines");
            assertThat(row.at("/absence/from").asText()).as("the sickness goes on")
                    .isEqualTo(CaseDriver.berlin("2032-02-04T09:00").toString());
            assertThat(row.get("room").asLong()).isZero();
            assertThat(startsOfInesAbsences()).containsExactly(CaseDriver.berlin("2032-02-04T09:00"),
                    CaseDriver.berlin("2032-02-09T09:00"));

            assertThat(absence("ines", MARIA, """
                    {"from": "2032-02-04T09:00", "to": "2032-02-04T10:01"}""").statusCode()).as("back early")
                    .isEqualTo(200);
            assertThat(jdbc.sql("SELECT ends_at FROM ft_absence WHERE user_id = 'ines' ORDER BY starts_at")
                    .query((rs, n) -> rs.getTimestamp(1).toInstant()).list())
                    .containsExactly(CaseDriver.berlin("2032-02-04T10:01"), CaseDriver.berlin("2032-02-13T18:00"));
        } finally {
            jdbc.sql("DELETE FROM ft_absence WHERE user_id = 'ines'").update();
            identityService.deleteUser("ines");
        }
    }

    /**
     * Inge's holiday next week was entered for the wrong agent, and she is back from her sickness early: the supervisor
     * takes the holiday back (gone) and ends the sickness now (kept until now, so the workload and history show it).
     */
    @Test
    void aSupervisorTakesAnAbsenceAheadBackAndEndsOneGoingOnNow() throws Exception {
        CaseDriver.joinsWithPassword(identityService, "inge", "inge", "Inge", "Roux", "agents", "agents-en");
        try {
            assertThat(absence("inge", MARIA, """
                    {"from": "2032-02-04T09:00", "to": "2032-02-05T18:00"}""").statusCode()).isEqualTo(200);
            assertThat(absence("inge", MARIA, """
                    {"from": "2032-02-09T09:00", "to": "2032-02-13T18:00"}""").statusCode()).isEqualTo(200);

            for (String notSupervisor : List.of("anna:anna", "alex:alex", "inge:inge")) {
                assertThat(endAbsence("inge", notSupervisor, "2032-02-09T09:00").statusCode()).as(notSupervisor)
                        .isEqualTo(403);
            }
            HttpResponse<String> noAgent = endAbsence("nobody", MARIA, "2032-02-09T09:00");
            assertThat(noAgent.statusCode()).isEqualTo(404);
            assertThat(json.readTree(noAgent.body()).get("errors").findValuesAsText("field")).containsExactly("user");
            HttpResponse<String> noFrom = endAbsence("inge", MARIA, null);
            assertThat(noFrom.statusCode()).as(noFrom.body()).isEqualTo(400);
            assertThat(json.readTree(noFrom.body()).get("errors").findValuesAsText("field")).containsExactly("from");
            HttpResponse<String> notAnAbsence = endAbsence("inge", MARIA, "2032-02-10T09:00");
            assertThat(notAnAbsence.statusCode()).as(notAnAbsence.body()).isEqualTo(404);
            assertThat(notAnAbsence.body()).contains("2032-02-10T09:00");
            assertThat(json.readTree(notAnAbsence.body()).get("errors").findValuesAsText("field"))
                    .containsExactly("from");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM ft_absence WHERE user_id = 'inge'").query(Long.class).single())
                    .as("refusals change nothing").isEqualTo(2);

            HttpResponse<String> holidayTakenBack = endAbsence("inge", MARIA, "2032-02-09T09:00");
            assertThat(holidayTakenBack.statusCode()).as(holidayTakenBack.body()).isEqualTo(204);
            HttpResponse<String> backEarly = endAbsence("inge", MARIA, "2032-02-04T09:00+01:00");
            assertThat(backEarly.statusCode()).as(backEarly.body()).isEqualTo(204);

            assertThat(jdbc.sql("SELECT starts_at, ends_at FROM ft_absence WHERE user_id = 'inge'")
                    .query((rs, n) -> List.of(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant())).list())
                    .containsExactly(
                            List.of(CaseDriver.berlin("2032-02-04T09:00"), WEDNESDAY.plus(Duration.ofHours(1))));
            JsonNode row = row(workload(MARIA), "agents", "user", "inge");
            assertThat(row.get("absence").isNull()).as(row.toString()).isTrue();
            assertThat(row.get("room").asLong()).isPositive();
            assertThat(endAbsence("inge", MARIA, "2032-02-04T09:00").statusCode()).as("over: nothing to end")
                    .isEqualTo(404);
        } finally {
            jdbc.sql("DELETE FROM ft_absence WHERE user_id = 'inge'").update();
            identityService.deleteUser("inge");
        }
    }

    private HttpResponse<String> endAbsence(String user, String credentials, String from) throws Exception {
        String query = from == null ? "" : "?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
        return http.send(http.request("/api/agents/" + user + "/absence" + query, credentials).DELETE());
    }

    private List<Instant> startsOfInesAbsences() {
        return jdbc.sql("SELECT starts_at FROM ft_absence WHERE user_id = 'ines' ORDER BY starts_at")
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    @Test
    void badEntriesAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
        assertRefused("{}", "from", "to");
        assertRefused("""
                {"from": "tomorrow", "to": "2032-02-05T18:00"}""", "from");
        assertRefused("""
                {"from": "2032-02-05T18:00", "to": "2032-02-05T09:00"}""", "to");
        assertRefused("""
                {"from": "2032-02-01T09:00", "to": "2032-02-03T18:00"}""", "to");
        assertRefused("""
                {"from": "2032-02-04T10:00", "to": "2033-03-01T18:00"}""", "to");
        assertRefused("""
                {"from": "2032-02-04T10:00", "to": "2032-02-05T18:00", "handOverTo": "nobody"}""", "handOverTo");
        assertRefused("""
                {"from": "2032-02-04T10:00", "to": "2032-02-05T18:00", "handOverTo": "ida"}""", "handOverTo");
        assertRefused("""
                {"from": "2032-02-04T10:00", "to": "2032-02-05T18:00", "handOverTo": "jonas"}""", "handOverTo");
        assertRefused("""
                {"from": "2032-02-04T10:00", "to": "2032-02-05T18:00", "handOverTo": 7}""", "handOverTo");
        // Clock times Berlin skips (the clocks go forward) or has twice (they go back) name no single moment.
        assertRefused("""
                {"from": "2032-03-28T02:30", "to": "2032-03-29T18:00"}""", "from");
        assertRefused("""
                {"from": "2032-10-30T09:00", "to": "2032-10-31T02:30"}""", "to");
        assertIdaKeepsHerWork();
    }

    private void assertRefused(String body, String... fields) throws Exception {
        HttpResponse<String> response = absence("ida", MARIA, body);
        assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsText("field")).as(body)
                .containsExactly(fields);
    }

    private void assertIdaKeepsHerWork() {
        assertThat(engine.getTaskService().createTaskQuery().taskAssignee("ida").count()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ft_absence WHERE user_id = 'ida'").query(Long.class).single()).isZero();
    }
}
