package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * Every endpoint of /api, fed what integrators (and customers answering the survey) get wrong: the status, a
 * problem detail that names the field, and nothing changed (no case, task, message, promise, idempotency key or
 * survey answer).
 */
@FollowThroughSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CasesApiBadInputTest {

    static final String PORTAL = CasesApiTest.PORTAL;
    static final String OPEN_CASE = "{OPEN}";
    /** A closed case whose survey waits for the customer, the token from its link, and one answered already. */
    static final String SURVEYED = "{SURVEYED}";
    static final String TOKEN = "{TOKEN}";
    static final String ANSWERED = "{ANSWERED}";
    static final String ANSWERED_TOKEN = "{ANSWERED_TOKEN}";

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired SurveyAnswers surveyAnswers;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;
    private String openCase;
    private CaseDriver surveyed;
    private CaseDriver answered;

    CasesApiBadInputTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @BeforeAll
    void openACase() throws Exception {
        HttpResponse<String> created = http.postJson("/api/cases", PORTAL, CasesApiTest.JANE);
        assertThat(created.statusCode()).isEqualTo(201);
        openCase = json.readTree(created.body()).path("reference").asText();
        surveyed = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).solveAtFirstContactAndClose();
        answered = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).solveAtFirstContactAndClose();
        surveyAnswers.answer(answered.reference, answered.surveyToken(), 4, "Fine");
    }

    record Bad(String what, String method, String path, String credentials, String contentType, String body,
               Map<String, String> headers, int status, List<String> fields) {

        Bad expect(int expectedStatus, String... expectedFields) {
            return new Bad(what, method, path, credentials, contentType, body, headers, expectedStatus, List.of(expectedFields));
        }

        Bad as(String user) {
            return new Bad(what, method, path, user, contentType, body, headers, status, fields);
        }

        Bad header(String name, String value) {
            return new Bad(what, method, path, credentials, contentType, body, Map.of(name, value), status, fields);
        }

        @Override
        public String toString() {
            return what;
        }
    }

    static Bad post(String what, String path, String body) {
        return new Bad(what, "POST", path, PORTAL, "application/json", body, Map.of(), 0, List.of());
    }

    static Bad get(String what, String path) {
        return new Bad(what, "GET", path, PORTAL, null, null, Map.of(), 0, List.of());
    }

    static String jane(String from, String to) {
        String changed = CasesApiTest.JANE.replace(from, to);
        assertThat(changed).isNotEqualTo(CasesApiTest.JANE);
        return changed;
    }

    static Stream<Arguments> badRequests() {
        String cases = "/api/cases";
        String messages = "/api/cases/" + OPEN_CASE + "/messages";
        String calls = "/api/cases/" + OPEN_CASE + "/calls";
        String satisfaction = "/api/cases/" + SURVEYED + "/satisfaction";
        String huge = "x".repeat(200_000);
        return Stream.of(
                // POST /api/cases
                post("open: malformed JSON", cases, "{\"customer\": {\"name\": ").expect(400, "body"),
                post("open: empty body", cases, "").expect(400, "body"),
                post("open: body is an array", cases, "[" + CasesApiTest.JANE + "]").expect(400, "body"),
                post("open: body is a string", cases, "\"Jane\"").expect(400, "body"),
                post("open: body is null", cases, "null").expect(400, "body"),
                post("open: customer is not an object", cases, jane("\"customer\": {", "\"customer\": \"Jane\", \"x\": {"))
                        .expect(400, "customer"),
                post("open: name is not a string", cases, jane("\"name\": \"Jane Doe\"", "\"name\": [\"Jane\"]"))
                        .expect(400, "customer.name"),
                post("open: every field missing", cases, "{}").expect(400, "customer.name", "customer.email",
                        "customer.phone", "customer.plan", "language", "channel", "priority", "subject", "description"),
                post("open: invalid plan, email and language", cases,
                        jane("premium", "gold").replace("jane@example.org", "jane-at-example").replace("\"en\"", "\"fr\""))
                        .expect(400, "customer.email", "customer.plan", "language"),
                post("open: email pasted with a no-break space", cases,
                        jane("jane@example.org", "jane@example.org\\u00a0")).expect(400, "customer.email"),
                post("open: email with a zero-width space", cases,
                        jane("jane@example.org", "jane@exa\\u200Bmple.org")).expect(400, "customer.email"),
                post("open: misspelt field", cases, jane("\"language\"", "\"langauge\"")).expect(400, "langauge"),
                post("open: subject too long", cases, jane("Invoice shows the wrong amount", "s".repeat(201)))
                        .expect(400, "subject"),
                // The start form's limits (IntakeLimitsTest): no later form refuses what a case holds.
                post("open: phone longer than the callback number a form takes", cases,
                        jane("+1 555 0100", "+1 555 0100 " + "0".repeat(29))).expect(400, "customer.phone"),
                post("open: email longer than SMTP delivers", cases,
                        jane("jane@example.org", "j".repeat(243) + "@example.org")).expect(400, "customer.email"),
                post("open: description longer than the engine stores", cases,
                        jane("I was charged twice for November and my bank account is overdrawn.", "d".repeat(4001)))
                        .expect(400, "description"),
                post("open: body over the limit", cases, jane("I was charged twice", huge)).expect(413),
                post("open: not JSON", cases, CasesApiTest.JANE).header("Content-Type", "text/plain")
                        .expect(415, "Content-Type"),
                post("open: bad idempotency key", cases, CasesApiTest.JANE).header("Idempotency-Key", "k".repeat(201))
                        .expect(400, "Idempotency-Key"),
                post("open: no credentials", cases, CasesApiTest.JANE).as(null).expect(401),
                post("open: wrong password", cases, CasesApiTest.JANE).as("nobody:nothing").expect(401),
                post("open: analyst may not open cases", cases, CasesApiTest.JANE).as("alex:alex").expect(403),
                post("open: subject is a number", cases, jane("\"Invoice shows the wrong amount\"", "123")).expect(400, "subject"),
                post("open: description is a boolean", cases, jane("\"I was charged twice for November and my bank account is overdrawn.\"", "true"))
                        .expect(400, "description"),
                post("open: name of ideographic spaces", cases, jane("Jane Doe", "\u3000\u3000")).expect(400, "customer.name"),
                post("open: subject of em spaces and a line separator", cases, jane("Invoice shows the wrong amount", "\u2003\u2028\u1680"))
                        .expect(400, "subject"),
                post("open: name of zero-width characters", cases, jane("Jane Doe", "\\u200B\\u200D\\u2060")).expect(400, "customer.name"),
                post("open: description of Hangul fillers", cases, jane("I was charged twice for November and my bank account is overdrawn.", "\\u3164\\u115F"))
                        .expect(400, "description"),
                post("open: name with NUL", cases, jane("Jane Doe", "Jane\\u0000Doe")).expect(400, "customer.name"),
                post("open: subject with a line break", cases, jane("Invoice shows the wrong amount", "Invoice\\nwrong")).expect(400, "subject"),
                post("open: description with a lone surrogate", cases, jane("I was charged twice", "I was \\uD800 charged")).expect(400, "description"),
                post("open: description with an escape character", cases, jane("I was charged twice", "I was \\u001B[31m charged")).expect(400, "description"),
                post("open: no content type", cases, CasesApiTest.JANE).header("Content-Type", "")
                        .expect(415, "Content-Type"),
                post("open: any content type", cases, CasesApiTest.JANE).header("Content-Type", "*/*")
                        .expect(415, "Content-Type"),
                // POST /api/cases/{reference}/messages
                post("message: text of Unicode spaces", messages, "{\"text\": \"\u3000\u2003\u2028\u1680\", \"channel\": \"email\"}")
                        .expect(400, "text"),
                post("message: text of zero-width spaces", messages, "{\"text\": \"\\u200B\\u200B\", \"channel\": \"email\"}")
                        .expect(400, "text"),
                post("message: text with NUL", messages, "{\"text\": \"Hello\\u0000\", \"channel\": \"email\"}").expect(400, "text"),
                post("message: text is a number", messages, "{\"text\": 42, \"channel\": \"email\"}").expect(400, "text"),
                post("message: a path parameter", "/api/cases/" + OPEN_CASE + ";x=y/messages",
                        "{\"text\": \"Hello\", \"channel\": \"email\"}").expect(400, "path"),
                post("message: an encoded slash", "/api/cases/" + OPEN_CASE + "%2Fmessages",
                        "{\"text\": \"Hello\", \"channel\": \"email\"}").expect(400),
                post("message: any content type", messages, "{\"text\": \"Hello\", \"channel\": \"email\"}")
                        .header("Content-Type", "*/*").expect(415, "Content-Type"),
                post("message: malformed JSON", messages, "{\"text\": ").expect(400, "body"),
                post("message: body is an array", messages, "[{\"text\": \"Hello\", \"channel\": \"email\"}]")
                        .expect(400, "body"),
                post("message: text missing", messages, "{\"channel\": \"email\"}").expect(400, "text"),
                post("message: text is not a string", messages, "{\"text\": {\"a\": 1}, \"channel\": \"email\"}")
                        .expect(400, "text"),
                post("message: unknown channel", messages, "{\"text\": \"Hello\", \"channel\": \"pigeon\"}")
                        .expect(400, "channel"),
                post("message: unknown reference", "/api/cases/SC-2026-999999/messages",
                        "{\"text\": \"Hello\", \"channel\": \"email\"}").expect(404, "reference"),
                post("message: not a reference", "/api/cases/robert'); DROP TABLE--/messages".replace(" ", "%20"),
                        "{\"text\": \"Hello\", \"channel\": \"email\"}").expect(400, "path"),
                post("message: not a reference either", "/api/cases/robert' OR 1=1--/messages".replace(" ", "%20"),
                        "{\"text\": \"Hello\", \"channel\": \"email\"}").expect(404, "reference"),
                post("message: text longer than the API keeps", messages,
                        "{\"text\": \"" + "m".repeat(100_001) + "\", \"channel\": \"email\"}").expect(400, "text"),
                post("message: body over the limit", messages, "{\"text\": \"" + huge + "\", \"channel\": \"email\"}")
                        .expect(413),
                post("message: no credentials", messages, "{\"text\": \"Hello\", \"channel\": \"email\"}").as(null)
                        .expect(401),
                post("message: analyst may not write to a case", messages, "{\"text\": \"Hello\", \"channel\": \"email\"}")
                        .as("alex:alex").expect(403),
                // POST /api/cases/{reference}/calls
                post("call: note is not a string", calls, "{\"note\": [1]}").expect(400, "note"),
                post("call: note of Unicode spaces", calls, "{\"note\": \"\u3000\u2003\u2028\u1680\"}").expect(400, "note"),
                post("call: note with a lone surrogate", calls, "{\"note\": \"\\uDC00\"}").expect(400, "note"),
                post("call: note is true", calls, "{\"note\": true}").expect(400, "note"),
                post("call: any content type", calls, "{}").header("Content-Type", "*/*").expect(415, "Content-Type"),
                post("call: no content type", calls, "{}").header("Content-Type", "").expect(415, "Content-Type"),
                post("call: a path parameter", "/api/cases/" + OPEN_CASE + ";jsessionid=1/calls", "{}").expect(400, "path"),
                // Errors before our controllers are problem details too.
                get("unknown path", "/api/nothing-here").expect(404, "path"),
                get("unknown path: a misspelt collection", "/api/casez").expect(404, "path"),
                get("unknown path under a case", "/api/cases/" + OPEN_CASE + "/nonsense").expect(404, "path"),
                post("unknown path: a trailing slash", messages + "/", "{\"text\": \"Hello\", \"channel\": \"email\"}")
                        .expect(404, "path"),
                get("wrong method", "/api/cases").expect(405),
                get("unacceptable", "/api/cases/" + OPEN_CASE).header("Accept", "text/html").expect(406),
                post("call: note too long", calls, "{\"note\": \"" + "n".repeat(100_001) + "\"}").expect(400, "note"),
                post("call: unknown reference", "/api/cases/SC-2026-999998/calls", "{}").expect(404, "reference"),
                post("call: wrong password", calls, "{}").as("nobody:nothing").expect(401),
                post("call: analyst may not log a call", calls, "{}").as("alex:alex").expect(403),
                // GET /api/cases/{reference}
                get("read: unknown reference", "/api/cases/SC-2026-999997").expect(404, "reference"),
                get("read: no credentials", "/api/cases/" + OPEN_CASE).as(null).expect(401),
                get("read: a designer may not see cases", "/api/cases/" + OPEN_CASE).as("dana:dana")
                        .expect(404, "reference"),
                // POST /api/cases/{reference}/satisfaction: the customer, without a login
                post("survey: malformed JSON", satisfaction, "{\"token\": ").as(null).expect(400, "body"),
                post("survey: nothing given", satisfaction, "{}").as(null).expect(400, "token", "rating"),
                post("survey: rating 0", satisfaction, answer(0)).as(null).expect(400, "rating"),
                post("survey: rating 6", satisfaction, answer(6)).as(null).expect(400, "rating"),
                post("survey: rating \"five\"", satisfaction, answer("\"five\"")).as(null).expect(400, "rating"),
                post("survey: rating 4.5", satisfaction, answer(4.5)).as(null).expect(400, "rating"),
                post("survey: rating missing", satisfaction, "{\"token\": \"" + TOKEN + "\"}").as(null).expect(400, "rating"),
                post("survey: token missing", satisfaction, "{\"rating\": 5}").as(null).expect(400, "token"),
                post("survey: comment too long", satisfaction,
                        "{\"token\": \"" + TOKEN + "\", \"rating\": 5, \"comment\": \"" + "c".repeat(2001) + "\"}")
                        .as(null).expect(400, "comment"),
                post("survey: misspelt field", satisfaction, "{\"token\": \"" + TOKEN + "\", \"ratng\": 5}").as(null)
                        .expect(400, "ratng"),
                post("survey: not JSON", satisfaction, answer(5)).header("Content-Type", "text/plain").as(null)
                        .expect(415, "Content-Type"),
                post("survey: body over the limit", satisfaction,
                        "{\"token\": \"" + TOKEN + "\", \"rating\": 5, \"comment\": \"" + huge + "\"}").as(null).expect(413),
                post("survey: wrong token", satisfaction, "{\"token\": \"" + "A".repeat(43) + "\", \"rating\": 5}").as(null)
                        .expect(404, "reference"),
                post("survey: the token of another case", "/api/cases/" + ANSWERED + "/satisfaction", answer(5)).as(null)
                        .expect(404, "reference"),
                post("survey: unknown case", "/api/cases/SC-2026-999996/satisfaction", answer(5)).as(null)
                        .expect(404, "reference"),
                post("survey: a case without a survey", "/api/cases/" + OPEN_CASE + "/satisfaction", answer(5)).as(null)
                        .expect(404, "reference"),
                post("survey: answered already", "/api/cases/" + ANSWERED + "/satisfaction",
                        "{\"token\": \"" + ANSWERED_TOKEN + "\", \"rating\": 1}").as(null).expect(409, "reference"),
                // Only that one endpoint is open without a login.
                get("survey: reading it needs a login", satisfaction).as(null).expect(401),
                post("survey: a trailing slash needs a login", satisfaction + "/", answer(5)).as(null).expect(401),
                post("survey: a path parameter needs a login", "/api/cases/" + SURVEYED + ";v=1/satisfaction", answer(5))
                        .as(null).expect(401),
                post("survey: another endpoint on the way needs a login",
                        "/api/cases/" + SURVEYED + "/messages/satisfaction", answer(5)).as(null).expect(401),
                // A supervisor's resend (docs/operations.md): the message id from the incident, a whole number.
                new Bad("resend: a message id that is not a number", "POST",
                        "/api/cases/" + OPEN_CASE + "/messages/forty-two/resend", "maria:maria", null, null, Map.of(),
                        0, List.of()).expect(400, "id"),
                // A query parameter the endpoint does not take (a typo of a filter) would answer as if left out.
                new Bad("service levels: a misspelt parameter", "GET",
                        "/api/service-levels?plan=premium&priority=high&chanel=phone", "maria:maria", null, null,
                        Map.of(), 0, List.of()).expect(400, "chanel"),
                new Bad("absence taken back: a misspelt parameter", "DELETE", "/api/agents/anna/absence?form=2026-12-01",
                        "maria:maria", null, null, Map.of(), 0, List.of()).expect(400, "form"),
                get("case file: a parameter it does not take", "/api/cases/" + OPEN_CASE + "?fields=all")
                        .expect(400, "fields"),
                post("open: a parameter it does not take", cases + "?dryRun=true", CasesApiTest.JANE)
                        .expect(400, "dryRun"),
                new Bad("resend: a message id beyond a long", "POST",
                        "/api/cases/" + OPEN_CASE + "/messages/99999999999999999999/resend", "maria:maria", null,
                        null, Map.of(), 0, List.of()).expect(400, "id"))
                .map(Arguments::of);
    }

    /** A survey answer with the token of the waiting survey and this rating (JSON). */
    static String answer(Object rating) {
        return "{\"token\": \"" + TOKEN + "\", \"rating\": " + rating + ", \"comment\": \"Thanks\"}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithAProblemThatNamesTheFieldAndChangesNothing(Bad bad) throws Exception {
        CaseApiState before = CaseApiState.of(engine, jdbc);

        HttpResponse<String> response = send(bad);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(bad.status());
        assertThat(response.headers().firstValue("Content-Type")).as("content type")
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank()
                .as("names no class of ours or of the parser, nor how the server looks for files")
                .doesNotContain("com.followthrough", "JsonToken", "$", "static resource");
        if (bad.status() == 404) {
            assertThat(problem.path("title").asText()).as("every 404 of /api reads the same").isEqualTo("Not found");
        }
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactlyInAnyOrderElementsOf(bad.fields());
        assertThat(CaseApiState.of(engine, jdbc)).as("nothing changed").isEqualTo(before);
    }

    private HttpResponse<String> send(Bad bad) throws Exception {
        HttpRequest.Builder request = http.request(placed(bad.path()), bad.credentials());
        if (bad.contentType() != null) {
            request.header("Content-Type", bad.contentType());
        }
        bad.headers().forEach(request::setHeader);
        request.method(bad.method(), bad.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(placed(bad.body())));
        return http.send(request);
    }

    private String placed(String text) {
        return text.replace(OPEN_CASE, openCase)
                .replace(SURVEYED, surveyed.reference).replace(TOKEN, surveyed.surveyToken())
                .replace(ANSWERED_TOKEN, answered.surveyToken()).replace(ANSWERED, answered.reference);
    }
}
