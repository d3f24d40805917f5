package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TaskRest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A step that asks a note afresh ({@link FreshFields}) and whose form does not require it, completed over REST by a
 * second person on one case ({@code complete} or {@code submit-form}) who leaves the note out: the note is empty for
 * this run of the step, not the first person's, which the case header then showed to the owner as the second
 * person's answer.
 */
@FollowThroughSpringTest
class FreshNotesLeftOutOverRestTest {

    @Autowired ProcessEngine engine;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseInbox inbox;

    private final TaskRest rest;

    FreshNotesLeftOutOverRestTest(@LocalServerPort int port) {
        this.rest = new TaskRest(port);
    }

    @BeforeEach
    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit-form", "complete"})
    void aSecondSearchWithoutWhoKnowsDoesNotPassOnTheFirstSupervisorsExpert(String operation) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("specialistNeeded", "unknown")
                .complete("Task_DiagnoseAsSpecialist", "sam", Map.of("specialistDiagnosis", "Not a billing run I know",
                        "faultParty", "unknown", "diagnosisOutcome", "specialistDoesNotKnow"))
                .complete("Task_FindSomeoneWhoKnows", "maria", Map.of(
                        "specialistDiagnosis", "The payment provider retried the debit; they refund it",
                        "expertName", "Payments team, Lea", "diagnosisOutcome", "answerKnown"))
                .promiseCallbackIn(Duration.ofMinutes(40)).timePasses(Duration.ofMinutes(30))
                .callBack("Task_CallCustomerBack", "reachedNotSolved").diagnose("specialistNeeded", "unknown")
                .complete("Task_DiagnoseAsSpecialist", "dana", Map.of("specialistDiagnosis",
                        "Not the provider this time", "faultParty", "unknown",
                        "diagnosisOutcome", "specialistDoesNotKnow"));
        String second = c.claim("Task_FindSomeoneWhoKnows", "maria");

        HttpResponse<String> response = rest.post(second, operation, "maria:maria", rest.variables(Map.of(
                "specialistDiagnosis", "Billing reverses it by hand", "diagnosisOutcome", "answerKnown")));
        c.runAsyncSteps();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(c.variable("expertName")).as("who knows, as the second supervisor answered").isNull();
        assertThat(headerOf(c.task("Task_PromiseCallback").getId(), "anna:anna"))
                .as("the case header the owner reads").contains("Billing reverses it by hand")
                .doesNotContain("Who knows", "Payments team, Lea");
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit-form", "complete"})
    void aSecondReplyToTheSolutionWithoutANoteDoesNotPassOnTheFirstNote(String operation) throws Exception {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()))
                .listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0)
                .customerWrites("It is still charged twice.")
                .complete("Task_DecideOnCustomerReply", "anna", Map.of("replyDecision", "reopen",
                        "replyNote", "Second debit still on the statement"))
                .diagnose("solved", "company").resolve("company", 0).customerWrites("Now it is charged three times.");
        String second = c.task("Task_DecideOnCustomerReply").getId();

        HttpResponse<String> response = rest.post(second, operation, "anna:anna",
                rest.variables(Map.of("replyDecision", "reopen")));
        c.runAsyncSteps();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(c.variable("replyNote")).as("the note on this reply").isNull();
        assertThat(headerOf(c.task("Task_DiagnoseProblem").getId(), "anna:anna"))
                .as("the case header the owner reads").doesNotContain("Second debit still on the statement");
    }

    /** The case header a task's form shows, as Tasklist reads it ({@code GET /task/{id}/form-variables}). */
    private String headerOf(String taskId, String credentials) throws Exception {
        HttpResponse<String> form = rest.http().get("/engine-rest/task/" + taskId + "/form-variables", credentials);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        return rest.json(form).path(CaseContext.HEADER).path("value").asText();
    }
}
