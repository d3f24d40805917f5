package com.followthrough.tasklist;

import static com.followthrough.communication.MessageKind.PROMISE_CONFIRMATION;
import static com.followthrough.communication.MessageKind.RESOLUTION_DELAYED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;

/**
 * Every time a person types on a form (issue 14, item 4) is a clock time in the support team's zone, which the form
 * names: the form sends it without a zone (form-js "no_timezone"), so 10:30 typed is 10:30 in Europe/Berlin whatever
 * the zone of the agent's browser or the server (here New York), in what the case stores, in the customer's
 * confirmation and in what Tasklist shows the next person.
 */
@FollowThroughSpringTest
class TimesTypedOnFormsTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private TimeZone serverZone;

    @BeforeEach
    void mondayMorningOnAServerInNewYork() {
        serverZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        ClockUtil.setCurrentTime(Date.from(CaseDriver.MONDAY_9AM));
    }

    @AfterEach
    void backToTheServersZone() {
        ClockUtil.reset();
        TimeZone.setDefault(serverZone);
    }

    /** Also: the time typed is the time kept, to the minute. */
    @Test
    void everyTimeFieldIsTypedInTheSupportZoneTheFormNames() throws IOException {
        List<String> timeFields = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
                for (JsonNode field : new ObjectMapper().readTree(form.toFile()).findParents("type")) {
                    if (!"datetime".equals(field.path("type").asText()) || "date".equals(field.path("subtype").asText())) {
                        continue; // a day alone (paidOn) has no clock time to misread
                    }
                    String name = form.getFileName() + " " + field.path("key").asText();
                    timeFields.add(name);
                    if (!"no_timezone".equals(field.path("timeSerializingFormat").asText())) {
                        findings.add(name + " is sent with the browser's zone");
                    }
                    if (!field.path("description").asText().contains("{{supportTimeZone}}")) {
                        findings.add(name + " does not name the zone it is read in");
                    }
                    // form-js rounds a typed time down to the field's interval (15 minutes unless set): 10:40
                    // typed became 10:30 on leaving the field, a time the agent never told the customer.
                    if (field.path("timeInterval").asInt(15) != 1) {
                        findings.add(name + " rounds a typed time down to " + field.path("timeInterval").asInt(15)
                                + " minutes");
                    }
                }
            }
        }
        assertThat(timeFields).containsExactlyInAnyOrder("call-for-a-last-chance.form callbackAt",
                "keep-promise-at-risk.form newCallbackAt", "promise-callback.form callbackAt",
                "set-new-resolution-target-now.form newResolutionDueAt", "set-new-resolution-target.form newResolutionDueAt");
        assertThat(findings).isEmpty();
    }

    @Test
    void aNewCallbackTimeTheSupervisorAgreesIsTheClockTimeTyped() {
        CaseDriver c = open().listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(1));
        c.timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue");
        namesTheSupportZone(c.task("Task_KeepPromiseAtRisk"));

        c.complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction",
                "Called Jane, agreed a call tomorrow morning", "newCallbackAt", "2026-11-24T10:30"));

        assertThat(c.promises()).extracting(Promise::dueAt).last().isEqualTo(CaseDriver.berlin("2026-11-24T10:30"));
        assertThat(lastBody(c)).contains("Tuesday, 24 November 2026, 10:30 CET");
        assertThat(c.task("Task_CallCustomerBack").getDescription()).contains("Due Tue 24 Nov, 10:30 CET.");
    }

    @Test
    void aCallbackPromisedOnTheLastChanceCallIsTheClockTimeTyped() {
        CaseDriver c = open().listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(1));
        c.timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue")
                .complete("Task_KeepPromiseAtRisk", "maria", Map.of("takeover", "myself", "supervisorAction", "Called myself"))
                .callBack("Task_CallCustomerBack", "reachedSolved")
                .resolve("company", 0).customerConfirmsTheSolution();
        namesTheSupportZone(c.task("Task_CallForALastChance"));

        c.complete("Task_CallForALastChance", "maria", Map.of("lastChanceOutcome", "stays", "lastChanceNotes",
                "She stays if we call once the refund is booked", "lastChanceCallbackPromised", true,
                "nextActions", "Check the refund is booked and call you", "callbackAt", "2026-11-24T10:30",
                "callbackNumber", "+1 555 0100"));

        assertThat(c.promises()).extracting(Promise::dueAt).last().isEqualTo(CaseDriver.berlin("2026-11-24T10:30"));
        assertThat(c.messagesSent()).last().isEqualTo(PROMISE_CONFIRMATION);
        assertThat(lastBody(c)).contains("Tuesday, 24 November 2026, 10:30 CET");
        assertThat(c.task("Task_CallCustomerBack").getDescription()).contains("Due Tue 24 Nov, 10:30 CET.");
    }

    @Test
    void aNewResolutionDateIsTheClockTimeTypedAndSoIsTheOneSetWhenNobodySetItInTime() {
        CaseDriver c = open().listen("anna", Map.of());
        c.timeIs((Date) c.variable("resolutionDueAt")).timerFires("StartEvent_ResolutionTargetPassed");
        namesTheSupportZone(c.task("Task_SetNewResolutionTarget"));

        c.complete("Task_SetNewResolutionTarget", "maria", Map.of("resolutionPlan",
                "Billing is reversing the second debit by hand", "newResolutionDueAt", "2026-11-30T10:30"));

        assertThat(c.variable("resolutionDueAt")).isEqualTo(Date.from(CaseDriver.berlin("2026-11-30T10:30")));
        assertThat(c.messagesSent()).last().isEqualTo(RESOLUTION_DELAYED);
        assertThat(lastBody(c)).contains("Monday, 30 November 2026, 10:30 CET");
        assertThat(c.task("Task_DiagnoseProblem").getDescription()).contains("Due Mon 30 Nov, 10:30 CET.");

        c.timeIs(Date.from(CaseDriver.berlin("2026-11-30T10:30"))).timerFires("StartEvent_ResolutionTargetPassed");
        c.timeIs(c.task("Task_SetNewResolutionTarget").getDueDate()).timerFires("Event_NewTargetOverdue");
        namesTheSupportZone(c.task("Task_SetNewResolutionTargetNow"));
        c.complete("Task_SetNewResolutionTargetNow", "admin", Map.of("resolutionPlan", "A second billing fix",
                "newResolutionDueAt", "2026-12-02T10:30"));

        assertThat(c.variable("resolutionDueAt")).isEqualTo(Date.from(CaseDriver.berlin("2026-12-02T10:30")));
        assertThat(lastBody(c)).contains("Wednesday, 2 December 2026, 10:30 CET");
        assertThat((String) engine.getFormService().getTaskFormVariables(c.task("Task_DiagnoseProblem").getId()).get(CaseContext.HEADER))
                .as("the owner's open form says the new date").contains("- **Resolution:** by Wed 2 Dec, 10:30 CET");
    }

    private CaseDriver open() {
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()));
    }

    private void namesTheSupportZone(Task task) {
        assertThat(engine.getFormService().getTaskFormVariables(task.getId()).get("supportTimeZone"))
                .as("the zone %s's form names", task.getTaskDefinitionKey()).isEqualTo("Europe/Berlin (CET)");
    }

    private static String lastBody(CaseDriver c) {
        List<CustomerMessage> sent = c.messages();
        return sent.get(sent.size() - 1).body();
    }
}
