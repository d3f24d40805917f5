package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A JSON body in the charset its {@code Content-Type} declares (ISO-8859-1, windows-1252, UTF-16; UTF-8 stated or
 * left out) reaches the case as the customer or the agent wrote it, on {@code /api}, on {@code /engine-rest} and on
 * the webapps' engine API, through every filter of ours that reads or rewrites a body (docs/api.md, "Charsets"). A
 * charset Java does not know is refused with {@code 415} naming it, and bytes that are not of the declared charset
 * with {@code 400} naming it; either way nothing changes.
 */
@FollowThroughSpringTest
class CharsetsOfJsonBodiesTest {

    /** What a German customer or agent writes: one letter of ISO-8859-1, one only windows-1252 has, an accent. */
    private static final String WORDS = "Müller € café, Straße";
    /** No charset stated: JSON is UTF-8 (RFC 8259). */
    private static final String NONE = "none";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    CharsetsOfJsonBodiesTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    /**
     * {@code body} encoded in {@code charset} (UTF-8 for {@link #NONE}), as a client writes it: a character the charset
     * cannot hold (the euro sign in ISO-8859-1) as a JSON escape, which any charset can.
     */
    private static byte[] encoded(String body, String charset) {
        Charset target = NONE.equals(charset) ? StandardCharsets.UTF_8 : Charset.forName(charset);
        CharsetEncoder encoder = target.newEncoder();
        StringBuilder text = new StringBuilder();
        body.chars().forEach(c -> text.append(encoder.canEncode((char) c) ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return text.toString().getBytes(target);
    }

    private static String contentType(String charset) {
        return NONE.equals(charset) ? "application/json" : "application/json; charset=" + charset;
    }

    private HttpRequest.Builder post(HttpRequest.Builder request, String charset, byte[] body) {
        return request.header("Content-Type", contentType(charset)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<String> post(String path, String credentials, String charset, String body) throws Exception {
        return http.send(post(http.request(path, credentials), charset, encoded(body, charset)));
    }

    private String variables(Map<String, Object> values) throws Exception {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> typed.put(name, Map.of("value", value)));
        return json.writeValueAsString(Map.of("variables", typed));
    }

    private Map<String, Object> listened(String problem) {
        Map<String, Object> entered = new LinkedHashMap<>();
        entered.put("spokeToCustomer", "yes");
        entered.put("problemInCustomersWords", problem);
        entered.put("questionsAsked", "Which card?");
        entered.put("factsGathered", "Two debits on 2 Nov");
        entered.put("preferredContactChannel", "email");
        entered.put("callbackNumber", "+49 30 1234");
        entered.put("discountRequested", false);
        return entered;
    }

    private CaseDriver aCase() {
        return CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane());
    }

    private Object stored(CaseDriver c, String variable) {
        return engine.getRuntimeService().getVariable(c.instance.getId(), variable);
    }

    // --- /api ------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "UTF-16", "UTF-8", NONE})
    void aCaseOpenedOverTheApiKeepsTheCustomersWords(String charset) throws Exception {
        String body = """
                {"customer": {"name": "Jürgen Müller", "email": "jm@example.org", "phone": "+49 30 1234",
                 "plan": "premium"}, "language": "de", "channel": "email", "priority": "high",
                 "subject": "Straße café", "description": "%s"}""".formatted(WORDS);

        HttpResponse<String> opened = post("/api/cases", "portal:portal", charset, body);

        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String reference = json.readTree(opened.body()).path("reference").asText();
        assertThat(engine.getRuntimeService().getVariable(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(reference).singleResult().getId(), "description")).isEqualTo(WORDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "UTF-16", "UTF-8", NONE})
    void aCustomersMessageOverTheApiKeepsHerWords(String charset) throws Exception {
        CaseDriver c = aCase().listen("anna", Map.of());

        HttpResponse<String> sent = post("/api/cases/" + c.reference + "/messages", "portal:portal", charset,
                "{\"text\": \"" + WORDS + "\", \"channel\": \"email\"}");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(c.messages()).filteredOn(m -> m.direction() == CustomerMessage.Direction.INBOUND)
                .extracting(CustomerMessage::body).containsExactly(WORDS);
    }

    // --- the engine's REST APIs ------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "UTF-16", "UTF-8", NONE})
    void aCompletionOverEngineRestKeepsTheAgentsNote(String charset) throws Exception {
        CaseDriver c = aCase();
        String task = c.claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> completed = post("/engine-rest/task/" + task + "/complete", "anna:anna", charset,
                variables(listened(WORDS)));

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        assertThat(stored(c, "problemInCustomersWords")).isEqualTo(WORDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "UTF-16", "UTF-8", NONE})
    void aFormSubmittedInTasklistsEngineApiKeepsTheAgentsNote(String charset) throws Exception {
        CaseDriver c = aCase();
        String task = c.claim("Task_ListenToCustomer", "anna");
        AppHttp.WebappSession tasklist = http.signIn("tasklist", "anna");

        HttpResponse<String> submitted = tasklist.send(post(tasklist.request(
                "/camunda/api/engine/engine/default/task/" + task + "/submit-form"), charset,
                encoded(variables(listened(WORDS)), charset)));

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
        assertThat(stored(c, "problemInCustomersWords")).isEqualTo(WORDS);
    }

    /**
     * The answer leaves out the question to the customer, a note its step asks afresh: {@code FormFieldsOnly} hands the
     * engine a body of its own with the question given empty. The customer gets the reply as the agent wrote it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "UTF-16", "UTF-8", NONE})
    void anAnswerWhoseBodyIsRewrittenReachesTheCustomerAsWritten(String charset) throws Exception {
        CaseDriver c = aCase().listen("anna", Map.of()).customerWrites("Any news?");
        String task = c.task("Task_AnswerCustomerMessage").getId();

        HttpResponse<String> completed = post("/engine-rest/task/" + task + "/complete", "anna:anna", charset,
                variables(Map.of("answerOutcome", "answered", "replyText", WORDS, "discountRequested", false)));

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        c.runAsyncSteps();
        assertThat(c.messages()).filteredOn(m -> m.kind() == MessageKind.MESSAGE_REPLY)
                .singleElement().extracting(CustomerMessage::body).asString().contains(WORDS);
    }

    /** An agent's comment on her task, which {@code NotesOnTasks} reads and adds itself. */
    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "UTF-16", "UTF-8", NONE})
    void anAgentsCommentKeepsHerWords(String charset) throws Exception {
        String task = aCase().claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> commented = post("/engine-rest/task/" + task + "/comment/create", "anna:anna", charset,
                json.writeValueAsString(Map.of("message", WORDS)));

        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(200);
        assertThat(engine.getTaskService().getTaskComments(task)).extracting(Comment::getFullMessage)
                .containsExactly(WORDS);
    }

    /**
     * Declared windows-1252 (or ISO-8859-1), "CAFÉ®" is two bytes at the end that also read as one UTF-8 letter: the
     * JSON readers of the engine and of our filters, which ignored the charset, stored "CAFɮ" and answered 200.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252"})
    void wordsWhoseBytesAlsoReadAsUtf8AreNotGarbled(String charset) throws Exception {
        CaseDriver c = aCase();
        String task = c.claim("Task_ListenToCustomer", "anna");

        HttpResponse<String> commented = post("/engine-rest/task/" + task + "/comment/create", "anna:anna", charset,
                "{\"message\": \"CAFÉ®\"}");
        HttpResponse<String> completed = post("/engine-rest/task/" + task + "/complete", "anna:anna", charset,
                variables(listened("CAFÉ®")));

        assertThat(commented.statusCode()).as(commented.body()).isEqualTo(200);
        assertThat(engine.getTaskService().getTaskComments(task)).extracting(Comment::getFullMessage)
                .containsExactly("CAFÉ®");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        assertThat(stored(c, "problemInCustomersWords")).isEqualTo("CAFÉ®");
    }

    // --- refused ---------------------------------------------------------------------------------------------------

    @Test
    void aCharsetJavaDoesNotKnowIsRefusedNamingItAndChangesNothing() throws Exception {
        CaseDriver c = aCase();
        String task = c.claim("Task_ListenToCustomer", "anna");
        Object before = stored(c, "problemInCustomersWords");
        byte[] body = variables(listened(WORDS)).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> engineRest = http.send(http.request("/engine-rest/task/" + task + "/complete",
                "anna:anna").header("Content-Type", "application/json; charset=latin-42")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        HttpResponse<String> api = http.send(http.request("/api/cases/" + c.reference + "/messages", "portal:portal")
                .header("Content-Type", "application/json; charset=latin-42").POST(HttpRequest.BodyPublishers
                        .ofString("{\"text\": \"" + WORDS + "\", \"channel\": \"email\"}")));

        for (HttpResponse<String> refused : new HttpResponse[] {engineRest, api}) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(415);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("Content-Type");
            assertThat(problem.path("detail").asText()).contains("latin-42", "UTF-8");
        }
        assertThat(json.readTree(engineRest.body()).path("message").asText()).as("what Tasklist shows")
                .contains("latin-42");
        assertThat(c.task("Task_ListenToCustomer").getId()).isEqualTo(task);
        assertThat(stored(c, "problemInCustomersWords")).isEqualTo(before);
        assertThat(c.messages()).noneMatch(m -> m.direction() == CustomerMessage.Direction.INBOUND);
    }

    /** Read ahead of the API to be re-encoded, a body streamed past the limit is still refused as too large. */
    @Test
    void aStreamedBodyInAnotherCharsetPastTheLimitIsTooLarge() throws Exception {
        CaseDriver c = aCase();
        byte[] huge = encoded("{\"text\": \"" + "ü".repeat(140_000) + "\", \"channel\": \"email\"}", "ISO-8859-1");

        HttpResponse<String> refused = http.send(http.request("/api/cases/" + c.reference + "/messages",
                "portal:portal").header("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(json.readTree(refused.body()).path("title").asText()).isEqualTo("Request body too large");
        assertThat(c.messages()).noneMatch(m -> m.direction() == CustomerMessage.Direction.INBOUND);
    }

    /** UTF-8 sent under a declared US-ASCII, as a client that states the wrong charset sends it. */
    @Test
    void bytesThatAreNotOfTheDeclaredCharsetAreRefusedNamingItAndChangeNothing() throws Exception {
        CaseDriver c = aCase();
        String task = c.claim("Task_ListenToCustomer", "anna");
        Object before = stored(c, "problemInCustomersWords");
        byte[] utf8 = variables(listened(WORDS)).getBytes(StandardCharsets.UTF_8);

        for (String path : new String[] {"/engine-rest/task/" + task + "/complete",
                "/engine-rest/task/" + task + "/comment/create"}) {
            HttpResponse<String> refused = http.send(http.request(path, "anna:anna")
                    .header("Content-Type", "application/json; charset=US-ASCII")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(utf8)));

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("body");
            assertThat(problem.path("detail").asText()).contains("US-ASCII");
            assertThat(problem.path("message").asText()).contains("US-ASCII");
        }
        HttpResponse<String> api = http.send(http.request("/api/cases/" + c.reference + "/messages", "portal:portal")
                .header("Content-Type", "application/json; charset=US-ASCII").POST(HttpRequest.BodyPublishers
                        .ofString("{\"text\": \"" + WORDS + "\", \"channel\": \"email\"}")));
        assertThat(api.statusCode()).as(api.body()).isEqualTo(400);
        assertThat(json.readTree(api.body()).path("errors").findValuesAsText("field")).containsExactly("body");
        assertThat(json.readTree(api.body()).path("detail").asText()).contains("US-ASCII");

        assertThat(c.task("Task_ListenToCustomer").getId()).isEqualTo(task);
        assertThat(stored(c, "problemInCustomersWords")).isEqualTo(before);
        assertThat(engine.getTaskService().getTaskComments(task)).isEmpty();
        assertThat(c.messages()).noneMatch(m -> m.direction() == CustomerMessage.Direction.INBOUND);
    }
}
