package com.followthrough.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every time a customer template states is a timer or a due date of the process that sends it (issue 12, item 12). */
class PromisedTimesTest {

    static final Path PROJECT = ProjectCopy.PROJECT;

    @TempDir
    Path copy;

    @Test
    void everyTimeATemplateStatesIsATimerOrADueDateOfTheProcessThatSendsIt() {
        PromisedTimes times = PromisedTimes.of(PROJECT);

        assertThat(times.unbackedTimes()).isEmpty();
        assertThat(times.statedTimes()).as("the check sees the times the templates state, in every language")
                .hasEntrySatisfying("en/acknowledgment", stated -> assertThat(stated).contains("firstResponseDueAt"))
                .hasEntrySatisfying("de/resolution", stated -> assertThat(stated).contains("closesAt"))
                .containsKeys("en/promiseConfirmation", "de/voicemail", "en/reimbursementPending", "de/messageReceived");
    }

    @Test
    void theTimesAndWhatTheyCountToAreReadFromTheComposer() {
        assertThat(PromisedTimes.of(PROJECT).timeFacts())
                .containsEntry("closesAt", Set.of("quietPeriod"))
                .containsEntry("nextUpdateDueAt", Set.of("updateInterval"))
                .containsEntry("callbackDueAt", Set.of("callbackDueAt"))
                .containsEntry("nextCallAt", Set.of("callbackDueAt"))
                .doesNotContainKeys("customerName", "reimbursementAmount");
    }

    @Test
    void aTemplateThatStatesATimeNoTimerOrDueDateOfItsProcessBacksIsNamed() throws IOException {
        copyProject();
        // The resolution is sent by SupportCase; only the called KeepPromise waits for callbackDueAt.
        edit("src/main/resources/mail/en/resolution.txt", text -> text.replace("[# th:insert",
                "We will call you by [(${callbackDueAt})].\n\n[# th:insert"));

        assertThat(PromisedTimes.of(copy).unbackedTimes()).containsExactly("mail/en/resolution.txt states 'callbackDueAt'"
                + " (from callbackDueAt), but support-case.bpmn (SupportCase), which sends resolution, has no timer or"
                + " user task due date on it");
    }

    @Test
    void aTimerThatNoLongerCountsToTheStatedTimeIsNamedInEveryLanguage() throws IOException {
        copyProject();
        edit("processes/support-case.bpmn", xml -> xml.replace(
                "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${deadlines.after(quietPeriod)}</bpmn:timeDate>",
                "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${deadlines.after(closingDelay)}</bpmn:timeDate>"));

        assertThat(PromisedTimes.of(copy).unbackedTimes()).containsExactly(
                "mail/de/closedWithoutAnswer.txt states 'closesAt' (from quietPeriod), but support-case.bpmn"
                        + " (SupportCase), which sends closedWithoutAnswer, has no timer or user task due date on it",
                "mail/de/resolution.txt states 'closesAt' (from quietPeriod), but support-case.bpmn (SupportCase),"
                        + " which sends resolution, has no timer or user task due date on it",
                "mail/en/closedWithoutAnswer.txt states 'closesAt' (from quietPeriod), but support-case.bpmn"
                        + " (SupportCase), which sends closedWithoutAnswer, has no timer or user task due date on it",
                "mail/en/resolution.txt states 'closesAt' (from quietPeriod), but support-case.bpmn (SupportCase),"
                        + " which sends resolution, has no timer or user task due date on it");
    }

    @Test
    void anAgreedCallbackTimeIsBackedOnlyWhileKeepPromiseWaitsForIt() throws IOException {
        copyProject();
        edit("processes/keep-promise.bpmn", xml -> xml.replace(
                "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${callbackDueAt}</bpmn:timeDate>",
                "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${callbackDeadline}</bpmn:timeDate>")
                .replace("camunda:dueDate=\"${callbackDueAt}\"", "camunda:dueDate=\"${callbackDeadline}\""));

        assertThat(PromisedTimes.of(copy).unbackedTimes()).containsExactly(
                "mail/de/progressUpdate.txt states 'agreedCallbackAt', kept by keep-promise.bpmn (KeepPromise) on"
                        + " 'callbackDueAt', which has no timer or user task due date on it",
                "mail/de/promiseConfirmation.txt states 'callbackDueAt' (from callbackDueAt), but keep-promise.bpmn"
                        + " (KeepPromise), which sends promiseConfirmation, has no timer or user task due date on it",
                "mail/de/voicemail.txt states 'nextCallAt' (from callbackDueAt), but keep-promise.bpmn (KeepPromise),"
                        + " which sends voicemail, has no timer or user task due date on it",
                "mail/en/progressUpdate.txt states 'agreedCallbackAt', kept by keep-promise.bpmn (KeepPromise) on"
                        + " 'callbackDueAt', which has no timer or user task due date on it",
                "mail/en/promiseConfirmation.txt states 'callbackDueAt' (from callbackDueAt), but keep-promise.bpmn"
                        + " (KeepPromise), which sends promiseConfirmation, has no timer or user task due date on it",
                "mail/en/voicemail.txt states 'nextCallAt' (from callbackDueAt), but keep-promise.bpmn (KeepPromise),"
                        + " which sends voicemail, has no timer or user task due date on it");
    }

    @Test
    void aPlaceholderTheComposerDoesNotGiveIsNamed() throws IOException {
        copyProject();
        edit("src/main/resources/mail/de/caseReopened.txt", text -> text.replace("[(${nextUpdateDueAt})]",
                "[(${nextContactAt})]"));

        assertThat(PromisedTimes.of(copy).unbackedTimes()).containsExactly(
                "mail/de/caseReopened.txt places 'nextContactAt', which MessageComposer does not give templates");
    }

    private void copyProject() throws IOException {
        ProjectCopy.copy(copy, "processes", "src/main/java", "src/main/resources/mail");
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        ProjectCopy.edit(copy, file, change);
    }
}
