package com.followthrough.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A case opened over {@code /api} holds nothing a form refuses later: the limits of {@link CaseStart} are the start
 * form's, and the forms that show a start value again (the callback number, the problem in the customer's words)
 * take as much, so an agent never has to shorten the customer's number or words to complete a task.
 */
@FollowThroughSpringTest
class IntakeLimitsTest {

    private static final String PORTAL = "portal:portal";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final TaskRest rest;

    IntakeLimitsTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    private static String caseWith(String phone, String description) {
        return """
                {"customer": {"name": "Jane Doe", "email": "jane@example.org", "phone": "%s", "plan": "premium"},
                 "language": "en", "channel": "email", "priority": "high",
                 "subject": "Invoice shows the wrong amount", "description": "%s"}""".formatted(phone, description);
    }

    @Test
    void theLongestPhoneAndDescriptionTheApiTakesAreTakenByListenAsPreFilled() throws Exception {
        String phone = "+49 30 1234567 ext. 4711, accounts dept.";
        assertThat(phone).hasSize(CaseStart.MAX_PHONE);
        String description = "d".repeat(CaseStart.MAX_DESCRIPTION);
        HttpResponse<String> opened = rest.http().postJson("/api/cases", PORTAL, caseWith(phone, description));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String reference = JSON.readTree(opened.body()).path("reference").asText();
        Task listen = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ListenToCustomer").singleResult();
        engine.getTaskService().claim(listen.getId(), "anna");
        Map<String, Object> entered = new LinkedHashMap<>();
        entered.put("spokeToCustomer", "yes");
        String listenId = listen.getId();
        entered.put("problemInCustomersWords",
                engine.getTaskService().getVariable(listenId, "problemInCustomersWords"));
        entered.put("questionsAsked", "Which card?");
        entered.put("factsGathered", "Two debits on 2 Nov");
        entered.put("preferredContactChannel", "phone");
        entered.put("callbackNumber", engine.getTaskService().getVariable(listenId, "callbackNumber"));
        entered.put("discountRequested", false);
        assertThat(entered).containsEntry("callbackNumber", phone)
                .containsEntry("problemInCustomersWords", description);

        HttpResponse<String> completed = rest.post(listen.getId(), "complete", "anna:anna", rest.variables(entered));

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    }

    /**
     * A message is kept whole in the case's message record, and its variable, or a closed case's follow-up's
     * description, holds a shortened copy within what the engine stores ({@code LongMessagesApiTest}): the longest
     * message /api takes reaches an open case and a closed one's follow-up, and a longer one is refused naming
     * {@code text}, not answered 500.
     */
    @Test
    void theLongestMessageTheApiTakesReachesAnOpenCaseAndAClosedCasesFollowUp() throws Exception {
        String text = "m".repeat(CustomerContactController.MAX_TEXT);
        assertThat(text.length()).as("the customer's words the API takes, as docs/api.md says").isEqualTo(100_000);
        String open = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).reference;
        String closed = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .solveAtFirstContactAndClose().reference;

        HttpResponse<String> tooLong = message(open, text + "m");
        HttpResponse<String> toTheOpenCase = message(open, text);
        HttpResponse<String> toTheClosedCase = message(closed, text);

        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
        assertThat(JSON.readTree(tooLong.body()).path("errors").findValuesAsText("field")).containsExactly("text");
        assertThat(toTheOpenCase.statusCode()).as(toTheOpenCase.body()).isEqualTo(202);
        assertThat(toTheClosedCase.statusCode()).as(toTheClosedCase.body()).isEqualTo(202);
        assertThat(JSON.readTree(toTheClosedCase.body()).path("followUpOf").asText()).isEqualTo(closed);
        String followUp = JSON.readTree(toTheClosedCase.body()).path("reference").asText();
        assertThat(messages.ofCase(open)).filteredOn(m -> m.body().equals(text)).hasSize(1);
        assertThat(messages.ofCase(followUp)).filteredOn(m -> m.body().equals(text)).hasSize(1);
    }

    /** A reopening's reason reaches an open case as "The customer asks to reopen the case: …", longer than itself. */
    @Test
    void theLongestReopeningReasonTheApiTakesIsKeptWholeOnAnOpenCase() throws Exception {
        String reason = "r".repeat(CustomerContactController.MAX_TEXT);
        String open = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).reference;

        HttpResponse<String> reopening = rest.http().postJson("/api/cases/" + open + "/reopening", PORTAL,
                "{\"reason\": \"" + reason + "\"}");

        assertThat(reopening.statusCode()).as(reopening.body()).isEqualTo(202);
        assertThat(messages.ofCase(open)).extracting(m -> m.body())
                .contains("The customer asks to reopen the case: " + reason);
    }

    private HttpResponse<String> message(String reference, String text) throws Exception {
        return rest.http().postJson("/api/cases/" + reference + "/messages", PORTAL,
                "{\"text\": \"" + text + "\", \"channel\": \"email\"}");
    }

    @Test
    void theApiTakesWhatTheStartFormTakesAndEveryFormShowingAStartValueAgainTakesAsMuch() throws IOException {
        Map<String, Integer> startForm = Map.of("customerName", CaseStart.MAX_NAME,
                "customerEmail", CaseStart.MAX_EMAIL, "customerPhone", CaseStart.MAX_PHONE,
                "subject", CaseStart.MAX_SUBJECT, "description", CaseStart.MAX_DESCRIPTION);
        startForm.forEach((key, limit) -> assertThat(maxLengths("start-case", key)).as(key).containsExactly(limit));

        // What a later form shows again, pre-filled from a start value (OpenCaseFileDelegate).
        for (String form : List.of("listen-to-customer", "promise-callback", "call-for-a-last-chance")) {
            assertThat(maxLengths(form, "callbackNumber")).as(form + " callbackNumber")
                    .containsExactly(CaseStart.MAX_PHONE);
        }
        assertThat(maxLengths("listen-to-customer", "problemInCustomersWords")).as("problemInCustomersWords")
                .containsExactly(CaseStart.MAX_DESCRIPTION);
        for (String key : startForm.keySet()) {
            try (Stream<Path> forms = Files.list(Path.of("forms"))) {
                forms.map(path -> path.getFileName().toString().replace(".form", ""))
                        .filter(form -> !form.equals("start-case"))
                        .forEach(form -> assertThat(maxLengths(form, key)).as(form + " asks " + key + " again")
                                .allSatisfy(limit -> assertThat(limit).isGreaterThanOrEqualTo(startForm.get(key))));
            }
        }
    }

    /** The {@code maxLength} of every field of {@code form} with this key; a field without one counts as unlimited. */
    private static List<Integer> maxLengths(String form, String key) {
        try {
            JsonNode root = JSON.readTree(Files.readString(Path.of("forms", form + ".form")));
            return root.findParents("key").stream().filter(field -> key.equals(field.path("key").asText()))
                    .map(field -> field.path("validate").path("maxLength").asInt(Integer.MAX_VALUE)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
