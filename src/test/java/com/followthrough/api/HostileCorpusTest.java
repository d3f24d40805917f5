package com.followthrough.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/**
 * A generated corpus of hostile requests against the endpoints of {@code /api}, over real HTTP: wrong types, Unicode
 * that shows nothing or is no text at all, deep nesting, sizes, content types, path tricks, query parameters, headers,
 * malformed bytes. The intake endpoints, the survey answer, the resend, a supervisor's service-level change and
 * absence, the service levels and the insights. Each one must be refused with the expected 4xx as a problem detail
 * that names the field where there is one, and none may change anything: no case, task, message, promise,
 * idempotency key, survey answer, absence or case variable.
 */
@FollowThroughSpringTest
class HostileCorpusTest {

    private static final Logger log = LoggerFactory.getLogger(HostileCorpusTest.class);

    static final String PORTAL = CasesApiTest.PORTAL;
    static final String SUPERVISOR = "maria:maria";
    /** Stands for a value in a body template; replaced by raw JSON (or raw bytes), so anything can be sent. */
    static final String HOLE = "\"@@HOLE@@\"";

    @Autowired ProcessEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;
    private final int port;

    HostileCorpusTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
        this.port = port;
    }

    /** One hostile request and what it must get: a status, and the fields the problem names (empty: no field). */
    record Hostile(String kind, String what, String method, String path, String credentials,
                   Map<String, String> headers, byte[] body, int status, Set<String> fields, boolean raw) {

        Hostile expect(int expectedStatus, String... expectedFields) {
            return new Hostile(kind, what, method, path, credentials, headers, body, expectedStatus, Set.of(expectedFields), raw);
        }

        Hostile header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Hostile(kind, what, method, path, credentials, more, body, status, fields, raw);
        }

        Hostile as(String user) {
            return new Hostile(kind, what, method, path, user, headers, body, status, fields, raw);
        }

        Hostile using(String otherMethod) {
            return new Hostile(kind, what, otherMethod, path, credentials, headers, body, status, fields, raw);
        }

        /** Sent over a plain socket, byte for byte, for what Java's HTTP client refuses to send. */
        Hostile overSocket() {
            return new Hostile(kind, what, method, path, credentials, headers, body, status, fields, true);
        }
    }

    static Hostile post(String kind, String what, String path, String body) {
        return post(kind, what, path, body.getBytes(StandardCharsets.UTF_8));
    }

    static Hostile post(String kind, String what, String path, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new Hostile(kind, what, "POST", path, PORTAL, headers, body, 0, Set.of(), false);
    }

    static Hostile request(String kind, String what, String method, String path) {
        return new Hostile(kind, what, method, path, PORTAL, new LinkedHashMap<>(), null, 0, Set.of(), false);
    }

    /**
     * An endpoint that takes a JSON body: its method and path, a valid body with one value replaced by {@link #HOLE},
     * per field.
     */
    record Endpoint(String name, String method, String path, String credentials, Map<String, String> templates) {

        Endpoint(String name, String path, String credentials, Map<String, String> templates) {
            this(name, "POST", path, credentials, templates);
        }
    }

    private String openCase;
    private CaseDriver surveyed;

    @Test
    void everyHostileRequestIsRefusedWithAProblemThatNamesTheFieldAndChangesNothing() throws Exception {
        HttpResponse<String> created = http.postJson("/api/cases", PORTAL, CasesApiTest.JANE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        openCase = json.readTree(created.body()).path("reference").asText();
        surveyed = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).solveAtFirstContactAndClose();

        List<Hostile> corpus = corpus();
        CaseApiState initially = CaseApiState.of(engine, jdbc);
        CaseApiState before = initially;
        Map<String, Object> variablesBefore = variables();
        Map<String, Integer> perKind = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();

        for (Hostile hostile : corpus) {
            Answer answer = hostile.raw() ? overSocket(hostile) : overHttpClient(hostile);
            perKind.merge(hostile.kind(), 1, Integer::sum);
            String problem = check(hostile, answer);
            CaseApiState now = CaseApiState.of(engine, jdbc);
            if (problem == null && !now.equals(before)) {
                problem = "changed the state of the cases";
            }
            before = now;
            if (problem != null) {
                failures.add(hostile.kind() + " / " + hostile.what() + ": " + problem + " — got " + answer.status()
                        + " " + answer.contentType() + " " + abbreviate(answer.body()));
            }
        }

        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("Hostile corpus: {} requests in {} ms, by kind {}, {} refused as expected", corpus.size(), millis,
                perKind, corpus.size() - failures.size());
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(500);
        assertThat(failures).as("requests not refused as they must be").isEmpty();
        assertThat(documentedCorpus()).as("docs/hostile-input.md: the corpus, by class, and in all")
                .isEqualTo(withTotal(perKind));
        assertThat(CaseApiState.of(engine, jdbc)).as("nothing changed").isEqualTo(initially);
        assertThat(variables()).as("the open case's variables").isEqualTo(variablesBefore);
    }

    /** The table of docs/hostile-input.md's "The corpus" (class: requests) and its "Last run" count, as "all". */
    private static Map<String, Integer> documentedCorpus() throws IOException {
        String page = Files.readString(Path.of("docs/hostile-input.md"));
        String section = page.substring(page.indexOf("## The corpus"));
        Map<String, Integer> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| ([a-z0-9 -]+) \\| ([0-9,]+) \\|").matcher(section);
        while (row.find()) {
            documented.put(row.group(1), Integer.parseInt(row.group(2).replace(",", "")));
        }
        Matcher lastRun = Pattern.compile("Last run: ([0-9,]+) requests").matcher(section);
        if (lastRun.find()) {
            documented.put("all", Integer.parseInt(lastRun.group(1).replace(",", "")));
        }
        return documented;
    }

    private static Map<String, Integer> withTotal(Map<String, Integer> perKind) {
        Map<String, Integer> counts = new TreeMap<>(perKind);
        counts.put("all", perKind.values().stream().mapToInt(Integer::intValue).sum());
        return counts;
    }

    /** What is wrong with the answer, or null when it is the expected refusal. */
    private String check(Hostile hostile, Answer answer) {
        if (answer.status() != hostile.status()) {
            return "expected " + hostile.status();
        }
        if (answer.status() < 400 || answer.status() >= 500) {
            return "not a 4xx";
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "not application/problem+json";
        }
        JsonNode problem;
        try {
            problem = json.readTree(answer.body());
        } catch (IOException e) {
            return "no JSON problem detail";
        }
        if (problem.path("status").asInt() != answer.status() || problem.path("title").asText().isBlank()
                || problem.path("detail").asText().isBlank()) {
            return "a problem detail without status, title or detail";
        }
        List<String> named = problem.path("errors").findValuesAsText("field");
        if (!hostile.fields().isEmpty() && named.stream().noneMatch(field -> hostile.fields().stream()
                .anyMatch(expected -> field.equals(expected) || field.startsWith(expected + ".")))) {
            return "names " + named + ", not one of " + hostile.fields();
        }
        return null;
    }

    private Map<String, Object> variables() {
        String instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(openCase).singleResult().getId();
        Map<String, Object> variables = new TreeMap<>();
        for (VariableInstance variable : engine.getRuntimeService().createVariableInstanceQuery()
                .processInstanceIdIn(instance).list()) {
            variables.put(variable.getName() + "@" + variable.getActivityInstanceId(), String.valueOf(variable.getValue()));
        }
        return variables;
    }

    // --- the corpus ---------------------------------------------------------------------------------------------------

    private List<Hostile> corpus() {
        String survey = "/api/cases/" + surveyed.reference + "/satisfaction";
        String token = surveyed.surveyToken();
        List<Endpoint> endpoints = List.of(
                new Endpoint("open", "/api/cases", PORTAL, openCaseTemplates()),
                new Endpoint("message", "/api/cases/" + openCase + "/messages", PORTAL, ordered(
                        "text", "{\"text\": " + HOLE + ", \"channel\": \"email\"}",
                        "channel", "{\"text\": \"Any news?\", \"channel\": " + HOLE + "}")),
                new Endpoint("call", "/api/cases/" + openCase + "/calls", PORTAL, ordered(
                        "note", "{\"note\": " + HOLE + "}")),
                new Endpoint("confirmation", "/api/cases/" + openCase + "/confirmation", PORTAL, ordered(
                        "note", "{\"note\": " + HOLE + "}")),
                new Endpoint("reopening", "/api/cases/" + openCase + "/reopening", PORTAL, ordered(
                        "reason", "{\"reason\": " + HOLE + "}")),
                new Endpoint("survey", survey, null, ordered(
                        "comment", "{\"token\": \"" + token + "\", \"rating\": 5, \"comment\": " + HOLE + "}",
                        "token", "{\"token\": " + HOLE + ", \"rating\": 5, \"comment\": \"Thanks\"}",
                        "rating", "{\"token\": \"" + token + "\", \"rating\": " + HOLE + ", \"comment\": \"Thanks\"}")),
                new Endpoint("service level", "PUT", "/api/cases/" + openCase + "/service-level", SUPERVISOR, ordered(
                        "plan", "{\"plan\": " + HOLE + ", \"reason\": \"Upgraded\"}",
                        "priority", "{\"priority\": " + HOLE + ", \"reason\": \"Upgraded\"}",
                        "reason", "{\"plan\": \"standard\", \"reason\": " + HOLE + "}")),
                new Endpoint("absence", "PUT", "/api/agents/anna/absence", SUPERVISOR, ordered(
                        "from", "{\"from\": " + HOLE + ", \"to\": \"2099-01-02T09:00\", \"handOverTo\": \"maria\"}",
                        "to", "{\"from\": \"2099-01-01T09:00\", \"to\": " + HOLE + ", \"handOverTo\": \"maria\"}",
                        "handOverTo", "{\"from\": \"2099-01-01T09:00\", \"to\": \"2099-01-02T09:00\", \"handOverTo\": "
                                + HOLE + "}")));
        Set<String> textFields = Set.of("customer.name", "customer.email", "customer.phone", "subject", "description",
                "text", "note", "reason", "comment");
        Set<String> choiceFields = Set.of("customer.plan", "language", "channel", "priority", "plan", "from", "to",
                "handOverTo");
        // Left out or null, these keep what the case has, or hand the absent agent's work to the team queue.
        Set<String> mayBeNull = Set.of("note", "comment", "priority", "handOverTo");

        List<Hostile> corpus = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            endpoint.templates().forEach((field, template) -> {
                boolean numeric = field.equals("rating");
                for (String value : wrongTypes(numeric)) {
                    if (mayBeNull.contains(field) && value.equals("null")) {
                        continue;
                    }
                    corpus.add(on(endpoint, "type", field + " = " + value, template, value).expect(400, field));
                }
                if (textFields.contains(field) || choiceFields.contains(field)) {
                    for (Map.Entry<String, String> text : unicode(textFields.contains(field)).entrySet()) {
                        corpus.add(on(endpoint, "unicode", field + ": " + text.getKey(), template, quoted(text.getValue()))
                                .expect(400, field));
                    }
                    for (Map.Entry<String, byte[]> bytes : malformedUtf8().entrySet()) {
                        corpus.add(onBytes(endpoint, "utf-8", field + ": " + bytes.getKey(), template, bytes.getValue())
                                .expect(400, field, "body"));
                    }
                }
                for (int depth : new int[] {2, 40, 900, 1200, 5000}) {
                    corpus.add(on(endpoint, "nesting", field + " nested " + depth + " deep", template,
                            "[".repeat(depth) + "]".repeat(depth)).expect(400, field, "body"));
                    corpus.add(on(endpoint, "nesting", field + " objects nested " + depth + " deep", template,
                            "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).expect(400, field, "body", field + ".a"));
                }
            });
            String valid = endpoint.templates().values().iterator().next().replace(HOLE, "\"Hello\"");
            corpus.addAll(jsonSyntax(endpoint, valid));
            corpus.addAll(contentTypes(endpoint, valid));
            corpus.addAll(sizes(endpoint));
        }
        corpus.addAll(paths());
        corpus.addAll(queries());
        corpus.addAll(headers());
        corpus.addAll(methods());
        return corpus;
    }

    private static Map<String, String> ordered(String... fieldsAndTemplates) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndTemplates.length; i += 2) {
            templates.put(fieldsAndTemplates[i], fieldsAndTemplates[i + 1]);
        }
        return templates;
    }

    private static Map<String, String> openCaseTemplates() {
        Map<String, String> templates = new LinkedHashMap<>();
        Map<String, String> jane = new LinkedHashMap<>();
        jane.put("customer.name", "\"Jane Doe\"");
        jane.put("customer.email", "\"jane@example.org\"");
        jane.put("customer.phone", "\"+1 555 0100\"");
        jane.put("customer.plan", "\"premium\"");
        jane.put("language", "\"en\"");
        jane.put("channel", "\"email\"");
        jane.put("priority", "\"high\"");
        jane.put("subject", "\"Invoice shows the wrong amount\"");
        jane.put("description", "\"I was charged twice for November.\"");
        for (String hole : jane.keySet()) {
            Map<String, String> values = new LinkedHashMap<>(jane);
            values.put(hole, HOLE);
            templates.put(hole, "{\"customer\": {\"name\": " + values.get("customer.name") + ", \"email\": "
                    + values.get("customer.email") + ", \"phone\": " + values.get("customer.phone") + ", \"plan\": "
                    + values.get("customer.plan") + "}, \"language\": " + values.get("language") + ", \"channel\": "
                    + values.get("channel") + ", \"priority\": " + values.get("priority") + ", \"subject\": "
                    + values.get("subject") + ", \"description\": " + values.get("description") + "}");
        }
        templates.put("customer", templates.get("customer.name").replaceFirst("\\{\"name\": .*?\"plan\": \"premium\"}", HOLE));
        return templates;
    }

    /** Values of the wrong JSON type: for a text field anything but a string; for the rating anything but 1 to 5. */
    private static List<String> wrongTypes(boolean numeric) {
        List<String> values = new ArrayList<>(List.of("true", "false", "[]", "[\"x\"]", "{}", "{\"a\": 1}", "null"));
        if (numeric) {
            values.addAll(List.of("\"5\"", "\"five\"", "5.0e0", "4.5", "0", "6", "-1", "1e400", "99999999999999999999"));
        } else {
            values.addAll(List.of("123", "-1", "1.5", "0", "1e400", "99999999999999999999"));
        }
        return values;
    }

    /** Text that shows nothing, or is no text: each is refused in any text field; in a choice field it is no choice. */
    private static Map<String, String> unicode(boolean text) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ideographic spaces", "\u3000\u3000\u3000");
        values.put("em space", "\u2003");
        values.put("line separator", "\u2028");
        values.put("paragraph separator", "\u2029");
        values.put("ogham space", "\u1680");
        values.put("no-break spaces", "\u00A0\u202F\u2007");
        values.put("zero-width space", "\u200B\u200B");
        values.put("zero-width joiners", "\u200C\u200D\u2060");
        values.put("byte order mark", "\uFEFF");
        values.put("Hangul fillers", "\u3164\u115F\u1160\uFFA0");
        values.put("blank Braille", "\u2800");
        values.put("right-to-left override", "\u202E");
        values.put("combining marks only", "\u0301\u0308");
        values.put("lone high surrogate", "Jane \uD800 Doe");
        values.put("lone low surrogate", "\uDC00");
        values.put("reversed surrogates", "\uDC00\uD800");
        values.put("NUL", "Jane\u0000Doe");
        values.put("NUL at the end", "Jane Doe\u0000");
        values.put("escape sequence", "\u001B[2J\u001B[31mred");
        values.put("DEL", "Jane\u007FDoe");
        values.put("next line (C1)", "Jane\u0085Doe");
        values.put("bell", "\u0007");
        values.put("vertical tab", "Jane\u000BDoe");
        values.put("form feed", "Jane\u000CDoe");
        if (!text) {
            values.put("a choice with a zero-width space", "en\u200B");
            values.put("a choice in full-width letters", "\uFF45\uFF4E");
        }
        return values;
    }

    /** Bytes that are not UTF-8, placed inside a JSON string. */
    private static Map<String, byte[]> malformedUtf8() {
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("invalid continuation", new byte[] {'J', (byte) 0xC3, 0x28, 'e'});
        values.put("0xFF", new byte[] {'J', (byte) 0xFF, 'e'});
        values.put("overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF});
        values.put("truncated sequence", new byte[] {'J', (byte) 0xE2, (byte) 0x82});
        values.put("encoded surrogate (CESU-8)", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        values.put("beyond U+10FFFF", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        return values;
    }

    private List<Hostile> jsonSyntax(Endpoint endpoint, String valid) {
        String body = valid.substring(0, valid.length() - 1);
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("trailing garbage", valid + " x");
        broken.put("a second document", valid + valid);
        broken.put("a trailing comma", body + ",}");
        broken.put("a comment", "/* hi */" + valid);
        broken.put("single quotes", valid.replace('"', '\''));
        broken.put("NaN", body + ", \"x\": NaN}");
        broken.put("a duplicate field", body + ", " + valid.substring(1));
        broken.put("an unknown field", body + ", \"isAdmin\": true}");
        broken.put("an unknown field holding a deep array", body + ", \"x\": " + "[".repeat(3000) + "]".repeat(3000) + "}");
        broken.put("a top-level array", "[" + valid + "]");
        broken.put("a top-level string", "\"hello\"");
        broken.put("a top-level number", "42");
        broken.put("unterminated string", "{\"a\": \"abc");
        broken.put("a raw control character in a string", valid.replace("\"Hello\"", "\"He\u0001llo\""));
        broken.put("an invalid escape", valid.replace("\"Hello\"", "\"\\x41\""));
        broken.put("a lone surrogate escape", valid.replace("\"Hello\"", "\"\\uD83D\""));
        List<Hostile> requests = new ArrayList<>();
        broken.forEach((what, text) -> requests.add(on(endpoint, "json", what, text, null).expect(400)));
        // A call, a confirmation and an absence take no body as their fields left out (an absence then names them).
        if (!Set.of("call", "confirmation", "absence").contains(endpoint.name())) {
            requests.add(on(endpoint, "json", "the body null", "null", null).expect(400, "body"));
            requests.add(on(endpoint, "json", "an empty body", "", null).expect(400, "body"));
            requests.add(on(endpoint, "json", "whitespace only", " \n\t ", null).expect(400, "body"));
        }
        return requests;
    }

    private List<Hostile> contentTypes(Endpoint endpoint, String valid) {
        List<Hostile> requests = new ArrayList<>();
        for (String type : List.of("*/*", "text/plain", "text/html", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonx", "application/json-patch+json", "application/*",
                "application", "json", "application/json; charset=nonsense")) {
            requests.add(on(endpoint, "content type", type, valid, null).header("Content-Type", type).expect(415));
        }
        Hostile none = on(endpoint, "content type", "none", valid, null);
        none.headers().remove("Content-Type");
        requests.add(none.expect(415));
        return requests;
    }

    private List<Hostile> sizes(Endpoint endpoint) {
        String template = endpoint.templates().values().iterator().next();
        List<Hostile> requests = new ArrayList<>();
        requests.add(on(endpoint, "size", "a body over 128 KB", template, quoted("x".repeat(140_000))).expect(413));
        requests.add(on(endpoint, "size", "a body of 2 MB", template, quoted("x".repeat(2_000_000))).expect(413));
        requests.add(on(endpoint, "size", "10,000 unknown fields", template.substring(0, template.length() - 1)
                .replace(HOLE, "\"Hello\"") + ", " + "\"f\": 1, ".repeat(10_000) + "\"g\": 1}", null).expect(400));
        requests.add(on(endpoint, "size", "a 100,000-element array", template,
                "[" + "1,".repeat(100_000) + "1]").expect(413));
        requests.add(on(endpoint, "size", "a 60,000-digit number", template, "1" + "0".repeat(60_000)).expect(400));
        return requests;
    }

    private List<Hostile> paths() {
        String reference = openCase;
        String message = "{\"text\": \"Hello\", \"channel\": \"email\"}";
        List<Hostile> requests = new ArrayList<>();
        Map<String, Integer> posts = new LinkedHashMap<>();
        posts.put("/api/cases/" + reference + ";x=y/messages", 400);
        posts.put("/api/cases/" + reference + "/messages;x=y", 400);
        posts.put("/api/cases;x=y", 400);
        posts.put("/api/cases/" + reference + ";jsessionid=ABC/calls", 400);
        posts.put("/api/cases/" + reference + "%2Fmessages", 400);
        posts.put("/api/cases/" + reference + "%2fcalls", 400);
        posts.put("/api/cases/" + reference + "%5Cmessages", 400);
        posts.put("/api/cases/" + reference + "/calls/../messages", 400);
        posts.put("/api/cases/" + reference + "/./messages", 400);
        posts.put("/api/cases/x/%2e%2e/" + reference + "/messages", 400);
        posts.put("/api/cases/" + reference + "/%2e/messages", 400);
        posts.put("/api//cases/" + reference + "/messages", 400);
        posts.put("/api/cases/" + reference + "//messages", 400);
        posts.put("/api/cases/" + reference + "/messages/", 404);
        posts.put("/api/cases/" + reference.toLowerCase() + "/messages", 404);
        posts.put("/api/cases/" + reference + "0/messages", 404);
        posts.put("/api/cases/" + reference + "%00/messages", 400);
        posts.put("/api/cases/" + reference + "%20/messages", 404);
        posts.put("/api/cases/%E2%80%AE" + reference + "/messages", 404);
        posts.put("/api/cases/SC-2026-999999/messages", 404);
        posts.put("/api/cases/" + "9".repeat(3000) + "/messages", 404);
        posts.put("/api/Cases/" + reference + "/messages", 404);
        posts.put("/api/cases/" + reference + "/MESSAGES", 404);
        posts.put("/api/cases/" + reference + "/messages.json", 404);
        posts.put("/api/cases/" + reference + "/messages/1/resend/..", 400);
        posts.put("/api/", 404);
        posts.put("/api", 404);
        posts.put("/api/engine-rest/process-instance", 404);
        Set<String> noEndpoint = Set.of("/api/cases/" + reference + "/messages/",
                "/api/Cases/" + reference + "/messages", "/api/cases/" + reference + "/MESSAGES",
                "/api/cases/" + reference + "/messages.json", "/api/", "/api",
                "/api/engine-rest/process-instance");
        posts.forEach((path, status) -> requests.add(post("path", path, path, message).expect(status,
                status != 404 ? new String[0] : new String[] {noEndpoint.contains(path) ? "path" : "reference"})));
        for (String path : List.of("/api/cases/%zz/messages", "/api/cases/%/calls", "/api/cases/" + reference + "%C0%AF/messages",
                "/api/cases/" + reference + "\\messages", "/api/cases/" + reference + "/mess ages", "/api/cases/\u00e9")) {
            requests.add(post("path", "raw " + path, path, message).overSocket().expect(400));
        }
        requests.add(request("path", "resend: an id that is no number", "POST",
                "/api/cases/" + reference + "/messages/abc/resend").as(SUPERVISOR).expect(400));
        requests.add(request("path", "resend: an id beyond long", "POST",
                "/api/cases/" + reference + "/messages/99999999999999999999999/resend").as(SUPERVISOR).expect(400));
        requests.add(request("path", "resend: no such message", "POST",
                "/api/cases/" + reference + "/messages/999999/resend").as(SUPERVISOR).expect(404, "id"));
        requests.add(request("path", "resend: a message of another case", "POST",
                "/api/cases/SC-2026-999999/messages/1/resend").as(SUPERVISOR).expect(404));
        requests.add(request("path", "resend by the portal", "POST",
                "/api/cases/" + reference + "/messages/1/resend").expect(403));
        String resend = "/api/cases/" + reference + "/messages/" + messages.ofCase(reference).get(0).id() + "/resend";
        requests.add(post("json", "resend: fields it does not take", resend, "{\"force\": true, \"to\": \"x@y.org\"}")
                .as(SUPERVISOR).expect(400, "force", "to"));
        requests.add(post("json", "resend: a body that is no JSON", resend, "send it")
                .header("Content-Type", "text/plain").as(SUPERVISOR).expect(400, "body"));
        requests.add(post("json", "resend: a JSON array", resend, "[1]").as(SUPERVISOR).expect(400, "body"));
        return requests;
    }

    /**
     * The query parameters of the service levels and the insights, and of taking an absence back: each value that is
     * no choice, date or time, left out where it is required, sent twice, or too long, and a parameter the endpoint
     * does not take. The insights and the absence read a parameter of only spaces as left out (the default), so
     * those are sent only to the service levels, which require each.
     */
    private List<Hostile> queries() {
        List<Hostile> requests = new ArrayList<>();
        Map<String, String> quote = ordered("plan", "standard", "priority", "normal", "channel", "email",
                "at", "2030-12-24T16:00:00Z");
        quote.keySet().forEach(name -> {
            requests.addAll(hostileValues("/api/service-levels", PORTAL, quote, name, true));
            Map<String, String> without = new LinkedHashMap<>(quote);
            without.remove(name);
            requests.add(request("query", "service levels: " + name + " left out", "GET",
                    "/api/service-levels" + queryString(without)).expect(400, name));
        });
        Map<String, String> insights = ordered("from", "2026-01-01", "to", "2026-12-31", "plan", "standard",
                "language", "en", "processVersion", "1");
        insights.keySet().forEach(name -> requests.addAll(hostileValues("/api/insights", SUPERVISOR, insights, name,
                false)));
        Map<String, String> caseList = ordered("state", "closed", "first", "0", "max", "50");
        caseList.keySet().forEach(name -> requests.addAll(hostileValues("/api/insights/cases", SUPERVISOR, caseList,
                name, false)));
        for (String unknown : List.of("team", "lang", "from[]", "plan.id")) {
            requests.add(request("query", "insights: unknown parameter " + unknown, "GET",
                    "/api/insights?" + encoded(unknown) + "=x").as(SUPERVISOR).expect(400, unknown));
            requests.add(request("query", "service levels: unknown parameter " + unknown, "GET",
                    "/api/service-levels" + queryString(quote) + "&" + encoded(unknown) + "=x").expect(400, unknown));
            requests.add(request("query", "absence: unknown parameter " + unknown, "DELETE",
                    "/api/agents/anna/absence?from=2099-01-01T09:00&" + encoded(unknown) + "=x").as(SUPERVISOR)
                    .expect(400, unknown));
        }
        requests.add(request("query", "insights: a case that is none", "GET",
                "/api/insights/cases/SC-2026-999999/timeline").as(SUPERVISOR).expect(404, "reference"));
        Map<String, String> absence = ordered("from", "2099-01-01T09:00");
        requests.addAll(hostileValues("/api/agents/anna/absence", SUPERVISOR, absence, "from", false).stream()
                .map(hostile -> hostile.using("DELETE")).toList());
        requests.add(request("query", "absence: from left out", "DELETE", "/api/agents/anna/absence").as(SUPERVISOR)
                .expect(400, "from"));
        requests.add(request("query", "absence: an absence that is none", "DELETE",
                "/api/agents/anna/absence?from=2099-01-01T09:00").as(SUPERVISOR).expect(404, "from"));
        requests.add(request("query", "absence: a user who is no agent", "DELETE",
                "/api/agents/maria/absence?from=2099-01-01T09:00").as(SUPERVISOR).expect(404, "user"));
        for (String malformed : List.of("%zz", "%", "%C0%AF", "%FF%FE")) {
            requests.add(request("query", "service levels: raw " + malformed, "GET",
                    "/api/service-levels" + queryString(quote).replace("standard", malformed)).overSocket()
                    .expect(400));
        }
        return requests;
    }

    /** Requests to {@code path} with {@code valid} parameters but {@code name} hostile; the problem names it. */
    private static List<Hostile> hostileValues(String path, String credentials, Map<String, String> valid, String name,
                                               boolean blankRefused) {
        Map<String, String> values = new LinkedHashMap<>();
        unicode(false).forEach((what, value) -> {
            if (blankRefused || !value.isBlank()) {
                values.put(what, value);
            }
        });
        values.put("a word", "Hello");
        values.put("3,000 characters", "9".repeat(3000));
        List<Hostile> requests = new ArrayList<>();
        String endpoint = path.substring(path.lastIndexOf('/') + 1);
        values.forEach((what, value) -> {
            Map<String, String> parameters = new LinkedHashMap<>(valid);
            parameters.put(name, value);
            requests.add(request("query", endpoint + ": " + name + ": " + what, "GET", path + queryString(parameters))
                    .as(credentials).expect(400, name));
        });
        requests.add(request("query", endpoint + ": " + name + " twice", "GET",
                path + queryString(valid) + "&" + name + "=" + encoded(valid.get(name))).as(credentials)
                .expect(400, name));
        return requests;
    }

    /** {@code ?a=1&b=2}, every value percent-encoded as UTF-8 byte by byte (a lone surrogate as Java encodes it). */
    private static String queryString(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                .append(encoded(value)));
        return query.toString();
    }

    private static String encoded(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (Character.isLetterOrDigit(b) || b == '-' || b == ':' || b == '.') {
                encoded.append((char) b);
            } else {
                encoded.append(String.format("%%%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    private List<Hostile> headers() {
        String cases = "/api/cases";
        String jane = CasesApiTest.JANE;
        String message = "{\"text\": \"Hello\", \"channel\": \"email\"}";
        String messages = "/api/cases/" + openCase + "/messages";
        List<Hostile> requests = new ArrayList<>();
        for (String key : List.of("k".repeat(201), "with space", "tab\tkey", "")) {
            requests.add(post("header", "Idempotency-Key '" + abbreviate(key) + "' on a valid case", cases, jane)
                    .header("Idempotency-Key", key).expect(400, "Idempotency-Key"));
        }
        requests.add(post("header", "Idempotency-Key in Latin-1 bytes", cases, jane).header("Idempotency-Key", "schl\u00fcssel")
                .overSocket().expect(400, "Idempotency-Key"));
        Map<String, String> authorizations = new LinkedHashMap<>();
        authorizations.put("Basic without a colon", "Basic " + base64("portal"));
        // Never a wrong password for a real user: the engine then locks the user out for a while (and the portal, from
        // all its systems), which is the throttling working, not a refusal of this request.
        authorizations.put("Basic, unknown user with a long password", "Basic " + base64("nobody:" + "x".repeat(500)));
        authorizations.put("Basic, not base64", "Basic !!!not-base64!!!");
        authorizations.put("Basic, empty", "Basic ");
        authorizations.put("Basic, a NUL in the user", "Basic " + base64("portal\u0000:portal"));
        authorizations.put("Basic, unknown user", "Basic " + base64("nobody:nobody"));
        authorizations.put("Basic, 6 KB of user id", "Basic " + base64("p".repeat(4500) + ":x"));
        authorizations.put("Bearer", "Bearer eyJhbGciOiJub25lIn0.e30.");
        authorizations.put("Digest", "Digest username=\"portal\"");
        authorizations.forEach((what, value) -> {
            requests.add(post("header", "Authorization: " + what, messages, message).as(null).header("Authorization", value)
                    .expect(401));
            requests.add(request("header", "Authorization on GET: " + what, "GET", "/api/cases/" + openCase).as(null)
                    .header("Authorization", value).expect(401));
        });
        requests.add(request("header", "Accept: text/html", "GET", "/api/cases/" + openCase).header("Accept", "text/html")
                .expect(406));
        requests.add(request("header", "Accept: application/xml", "GET", "/api/cases/" + openCase)
                .header("Accept", "application/xml").expect(406));
        requests.add(post("header", "Content-Length shorter than the body", messages, message)
                .header("Content-Length", "5").overSocket().expect(400));
        requests.add(post("header", "a request header of 40 KB", messages, message)
                .header("X-Padding", "p".repeat(40_000)).overSocket().expect(400));
        requests.add(post("header", "Content-Encoding: gzip on plain JSON", messages, message)
                .header("Content-Encoding", "gzip").expect(415));
        requests.add(post("header", "X-HTTP-Method-Override: DELETE", messages, "{\"text\": \"\u3000\", \"channel\": \"email\"}")
                .header("X-HTTP-Method-Override", "DELETE").expect(400, "text"));
        requests.add(post("header", "X-Forwarded-For and a bad body", messages, "{\"text\": 1}")
                .header("X-Forwarded-For", "127.0.0.1").expect(400, "text"));
        return requests;
    }

    private List<Hostile> methods() {
        List<Hostile> requests = new ArrayList<>();
        for (String path : List.of("/api/cases", "/api/cases/" + openCase, "/api/cases/" + openCase + "/messages",
                "/api/cases/" + openCase + "/calls", "/api/cases/" + surveyed.reference + "/satisfaction",
                "/api/cases/" + openCase + "/messages/1/resend")) {
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                requests.add(request("method", method + " " + path, method, path).expect(405));
            }
        }
        Map<String, List<String>> others = new LinkedHashMap<>();
        others.put("/api/cases/" + openCase + "/service-level", List.of("GET", "POST", "DELETE", "PATCH"));
        others.put("/api/agents/anna/absence", List.of("GET", "POST", "PATCH"));
        others.put("/api/service-levels", List.of("POST", "PUT", "DELETE", "PATCH"));
        others.put("/api/insights", List.of("POST", "PUT", "DELETE", "PATCH"));
        others.forEach((path, methods) -> methods.forEach(method ->
                requests.add(request("method", method + " " + path, method, path).as(SUPERVISOR).expect(405))));
        requests.add(request("method", "GET /api/cases (no listing)", "GET", "/api/cases").expect(405));
        requests.add(request("method", "an unknown method", "FROB", "/api/cases").overSocket().expect(405));
        return requests;
    }

    // --- building and sending ---------------------------------------------------------------------------------------

    private static Hostile on(Endpoint endpoint, String kind, String what, String template, String value) {
        String body = value == null ? template : template.replace(HOLE, value);
        return post(kind, endpoint.name() + ": " + what, endpoint.path(), body).as(endpoint.credentials())
                .using(endpoint.method());
    }

    private static Hostile onBytes(Endpoint endpoint, String kind, String what, String template, byte[] value) {
        String[] around = template.split(java.util.regex.Pattern.quote(HOLE), 2);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((around[0] + "\"").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(value);
        body.writeBytes(("\"" + around[1]).getBytes(StandardCharsets.UTF_8));
        return post(kind, endpoint.name() + ": " + what, endpoint.path(), body.toByteArray()).as(endpoint.credentials())
                .using(endpoint.method());
    }

    /** A JSON string with every character outside printable ASCII escaped, so that even lone surrogates arrive. */
    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                quoted.append(String.format("\\u%04X", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "…";
    }

    record Answer(int status, String contentType, String body) {
    }

    private Answer overHttpClient(Hostile hostile) throws Exception {
        HttpRequest.Builder request = http.request(hostile.path(), hostile.credentials());
        hostile.headers().forEach(request::setHeader);
        request.method(hostile.method(), hostile.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(hostile.body()));
        HttpResponse<String> response = http.send(request);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** HTTP/1.1 by hand, so that malformed request lines, raw non-ASCII bytes and lying lengths reach the server. */
    private Answer overSocket(Hostile hostile) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(hostile.method() + " " + hostile.path() + " HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\nConnection: close\r\nAccept: application/json\r\n");
            if (hostile.credentials() != null) {
                head.append("Authorization: Basic ").append(base64(hostile.credentials())).append("\r\n");
            }
            hostile.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (hostile.body() != null && !hostile.headers().containsKey("Content-Length")) {
                head.append("Content-Length: ").append(hostile.body().length).append("\r\n");
            }
            request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (hostile.body() != null) {
                request.writeBytes(hostile.body());
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            socket.shutdownOutput();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = lines.length > 0 && lines[0].startsWith("HTTP/1.1 ") ? Integer.parseInt(lines[0].substring(9, 12)) : 0;
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        return new Answer(status, contentType, chunked ? unchunk(body) : body);
    }

    private static String unchunk(String body) {
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            text.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return text.toString();
    }
}
