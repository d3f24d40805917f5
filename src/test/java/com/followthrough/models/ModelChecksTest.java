package com.followthrough.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The designers' files as they are hold together; each way of breaking them is caught and named. */
class ModelChecksTest {

    static final Path PROJECT = ProjectCopy.PROJECT;

    @TempDir
    Path copy;

    @Test
    void everyUserTaskHasAFormInTheFormsFolder() {
        assertThat(ModelChecks.of(PROJECT).missingForms()).isEmpty();
    }

    @Test
    void everyUserTaskHasATasklistNameADescriptionADueDateAndAPriority() {
        assertThat(ModelChecks.of(PROJECT).tasksWithoutTasklistPresentation()).isEmpty();
    }

    @Test
    void aUserTaskWithoutATasklistNameOrDueDateIsNamed() throws IOException {
        copyProject();
        edit("processes/keep-promise.bpmn", xml -> xml
                .replace("<camunda:property name=\"tasklistName\" value=\"Call ${customerName} again — ${caseReference}\" />", "")
                .replace("camunda:priority=\"${taskPriority}\" camunda:dueDate=\"${callbackDueAt}\""
                        + " camunda:followUpDate=\"${callbackReminderAt}\">\n      <bpmn:documentation>Due at callbackDueAt,"
                        + " the time the voicemail stated",
                        "camunda:priority=\"${taskPriority}\">\n      <bpmn:documentation>Due at callbackDueAt,"
                        + " the time the voicemail stated"));

        assertThat(ModelChecks.of(copy).tasksWithoutTasklistPresentation()).containsExactly(
                "keep-promise.bpmn Task_CallCustomerAgain has no tasklistName (extension property): the name agents see in Tasklist",
                "keep-promise.bpmn Task_CallCustomerAgain has no due date");
    }

    @Test
    void aTasklistNameThatReadsAVariableNothingWritesIsNamed() throws IOException {
        copyProject();
        edit("processes/keep-promise.bpmn", xml -> xml.replace("Call back ${customerName}", "Call back ${clientName}"));

        assertThat(ModelChecks.of(copy).unwrittenReads()).containsExactly(
                "keep-promise.bpmn Task_CallCustomerBack tasklistName reads 'clientName', which no form, delegate or mapping writes");
    }

    @Test
    void everyVariableAGatewayTimerTaskFormOrDelegateReadsIsWrittenBySomeStep() {
        ModelChecks checks = ModelChecks.of(PROJECT);

        assertThat(checks.unwrittenReads()).isEmpty();
        assertThat(checks.reads()).as("the checks see the reads that matter")
                .containsKeys("support-case.bpmn Gateway_AnswerKnown (condition of Flow_AnswerKnown)",
                        "keep-promise.bpmn Event_CallbackDue timer",
                        "support-case.bpmn Task_PromiseCallback form promise-callback")
                .hasEntrySatisfying("support-case.bpmn Task_PromiseCallback form promise-callback",
                        variables -> assertThat(variables).contains("caseHeader", "caseReference"));
    }

    @Test
    void aWriteOrReadThroughATypedCaseVariableCounts() throws IOException {
        ModelChecks checks = ModelChecks.of(PROJECT);
        String recordPromise = Files.readString(PROJECT.resolve("src/main/java/com/followthrough/promise/RecordPromiseDelegate.java"));

        assertThat(recordPromise).as("the promise sets its due time through the typed key only")
                .contains("CaseVariable.CALLBACK_DUE_AT.set(").doesNotContain("\"callbackDueAt\"");
        assertThat(checks.writtenVariables()).contains("callbackDueAt", "firstRespondedAt", "caseReference", "owner");
        assertThat(checks.reads()).hasEntrySatisfying("CheckGuaranteesDelegate.java",
                variables -> assertThat(variables).contains("firstResponseDueAt", "firstRespondedAt", "resolvedAt"));
    }

    @Test
    void aWriteThroughAStringConstantCounts() throws IOException {
        String firstContact = Files.readString(PROJECT.resolve("src/main/java/com/followthrough/servicelevel/FirstPersonalContact.java"));
        String presentation = Files.readString(PROJECT.resolve("src/main/java/com/followthrough/tasklist/TaskPresentation.java"));

        assertThat(firstContact).as("the state is written under its constant's name only")
                .contains("setVariable(STATE, ").doesNotContain("setVariable(\"firstResponseState\"");
        assertThat(presentation).contains("put(CaseContext.HEADER, () -> ").doesNotContain("put(\"caseHeader\"");
        assertThat(ModelChecks.of(PROJECT).writtenVariables())
                .contains("firstResponseState", "caseHeader", "colleagues");
    }

    @Test
    void aTimerOnATypedCaseVariableWhoseWritesAreRemovedIsNamed() throws IOException {
        copyProject();
        edit("src/main/java/com/followthrough/promise/RecordPromiseDelegate.java",
                java -> java.replace("CaseVariable.CALLBACK_DUE_AT.set(execution, Date.from(due));", ""));
        edit("src/main/java/com/followthrough/promise/LeaveVoicemailDelegate.java",
                java -> java.replace("CaseVariable.CALLBACK_DUE_AT.set(execution, Date.from(nextCallDue));", ""));

        ModelChecks checks = ModelChecks.of(copy);

        assertThat(checks.timersOnUnsetVariables()).containsExactly(
                "keep-promise.bpmn Event_CallbackDue timer waits on 'callbackDueAt', which no step sets",
                "keep-promise.bpmn Event_CallAgainDue timer waits on 'callbackDueAt', which no step sets");
        assertThat(checks.unwrittenReads()).isNotEmpty()
                .allSatisfy(finding -> assertThat(finding).endsWith(" reads 'callbackDueAt', which no form, delegate or mapping writes"))
                .contains("MessageComposer.java reads 'callbackDueAt', which no form, delegate or mapping writes");
    }

    @Test
    void everyTimerWaitsOnAVariableTheCaseSets() {
        assertThat(ModelChecks.of(PROJECT).timersOnUnsetVariables()).isEmpty();
    }

    @Test
    void everyUserTaskWithADueDateEscalatesToSomeoneWithAuthority() {
        List<String> findings = ModelChecks.of(PROJECT).deadlinesWithoutEscalation();

        assertThat(findings).isEmpty();
    }

    @Test
    void aDeadlineWhoseTimerBringsInNobodyWithAuthorityIsNamed() throws IOException {
        copyProject();
        edit("processes/support-case.bpmn", xml -> {
            int task = xml.indexOf("<bpmn:userTask id=\"Task_DecideOnCustomerReplyAsSupervisor\"");
            int groups = xml.indexOf("camunda:candidateGroups=\"supervisors\"", task);
            xml = xml.substring(0, groups) + "camunda:candidateGroups=\"${team}\""
                    + xml.substring(groups + "camunda:candidateGroups=\"supervisors\"".length());
            int chase = xml.indexOf("<bpmn:userTask id=\"Task_GetCustomerReplyDecided\"");
            int admins = xml.indexOf("camunda:candidateGroups=\"camunda-admin\"", chase);
            return xml.substring(0, admins) + "camunda:candidateGroups=\"${team}\""
                    + xml.substring(admins + "camunda:candidateGroups=\"camunda-admin\"".length());
        });

        assertThat(ModelChecks.of(copy).deadlinesWithoutEscalation()).containsExactly(
                "support-case.bpmn Task_DecideOnCustomerReply is due at ${answerDueAt} but its timer [Event_ReplyDecisionOverdue]"
                        + " brings in nobody with authority (camunda-admin, supervisors)",
                "support-case.bpmn Task_DecideOnCustomerReplyAsSupervisor is due at ${deadlines.now()} but its timer"
                        + " [Event_SupervisorReplyDecisionOverdue] brings in nobody with authority"
                        + " (camunda-admin, supervisors)",
                "support-case.bpmn Task_GetCustomerReplyDecided names itself in 'escalation', but is not offered"
                        + " only to camunda-admin, supervisors");
    }

    /** A task offered to one of two lists on a condition must be offered to authority whichever list it gets. */
    @Test
    void aChoiceOfGroupsIsCheckedOnBothSides() throws IOException {
        copyProject();
        edit("processes/keep-promise.bpmn", xml -> xml.replace("'camunda-admin' : 'supervisors'}",
                "'camunda-admin' : 'agents-en'}"));

        assertThat(ModelChecks.of(copy).deadlinesWithoutEscalation()).containsExactly(
                "keep-promise.bpmn Task_KeepPromiseAtRisk names itself in 'escalation', but is not offered only to"
                        + " camunda-admin, supervisors");
    }

    @Test
    void aDeadlineWithoutTimerOrNamedEscalationIsNamed() throws IOException {
        copyProject();
        edit("processes/support-case.bpmn", xml -> xml.replace(
                "<camunda:property name=\"escalation\" value=\"Task_TraceDiscountOfferNow\" />", "")
                .replace("value=\"StartEvent_UpdateIntervalPassed\"", "value=\"StartEvent_UpdatePassed\""));

        assertThat(ModelChecks.of(copy).deadlinesWithoutEscalation()).containsExactly(
                "support-case.bpmn Task_PromiseCallback names 'StartEvent_UpdatePassed' in 'escalation', but no model"
                        + " has a timer event with that id",
                "support-case.bpmn Task_TraceDiscountOfferNow is due at ${deadlines.now()}"
                        + " but no timer escalates it: attach a timer that brings in camunda-admin or supervisors, or name what"
                        + " backs it in the property 'escalation'");
    }

    @Test
    void aLinkIsFollowedToItsCatchAndAGroupToTheStepThatSetsIt() throws IOException {
        copyProject();
        edit("processes/keep-promise.bpmn", xml -> xml.replace(
                "<bpmn:linkEventDefinition id=\"LinkEventDefinition_RetryBrokenCaught\" name=\"RetryBroken\" />",
                "<bpmn:linkEventDefinition id=\"LinkEventDefinition_RetryBrokenCaught\" name=\"RetryMissed\" />"));
        edit("processes/support-case.bpmn", xml -> xml
                .replace("<camunda:inputParameter name=\"approvalGroups\">camunda-admin</camunda:inputParameter>",
                        "<camunda:inputParameter name=\"approvalGroups\">agents</camunda:inputParameter>"));

        assertThat(ModelChecks.of(copy).deadlinesWithoutEscalation()).containsExactly(
                "keep-promise.bpmn Task_CallCustomerAgain is due at ${callbackDueAt} but its timer [Event_CallAgainDue]"
                        + " brings in nobody with authority (camunda-admin, supervisors)",
                "support-case.bpmn Task_ApproveReimbursement is due at ${approvalDueAt} but its timer [Event_ApprovalOverdue]"
                        + " brings in nobody with authority (camunda-admin, supervisors)");
    }

    @Test
    void everyMessageAModelWaitsForIsCorrelated() {
        assertThat(ModelChecks.of(PROJECT).uncorrelatedMessages()).isEmpty();
    }

    @Test
    void aUserTaskWhoseFormIsMissingIsNamed() throws IOException {
        copyProject();
        Files.delete(copy.resolve("forms/promise-callback.form"));

        assertThat(ModelChecks.of(copy).missingForms()).containsExactly(
                "support-case.bpmn Task_PromiseCallback uses form 'promise-callback', but no file in forms/ has that id");
    }

    @Test
    void aGatewayThatReadsAVariableNothingWritesIsNamed() throws IOException {
        copyProject();
        edit("processes/support-case.bpmn", xml -> xml.replace("${diagnosisOutcome != 'specialistNeeded' &amp;&amp;",
                "${diagnosisResult != 'specialistNeeded' &amp;&amp;"));

        assertThat(ModelChecks.of(copy).unwrittenReads()).containsExactly(
                "support-case.bpmn Gateway_AnswerKnown (condition of Flow_AnswerKnown) reads 'diagnosisResult',"
                        + " which no form, delegate or mapping writes");
    }

    @Test
    void aTimerOnAVariableNothingSetsIsNamed() throws IOException {
        copyProject();
        edit("processes/support-case.bpmn", xml -> xml.replace("after(quietPeriod)", "after(quietTime)"));

        assertThat(ModelChecks.of(copy).timersOnUnsetVariables())
                .containsExactly("support-case.bpmn Event_QuietPeriodOver timer waits on 'quietTime', which no step sets");
    }

    @Test
    void aMessageNobodyCorrelatesIsNamed() throws IOException {
        copyProject();
        edit("processes/support-case.bpmn", xml -> xml.replace("name=\"Message_CaseReopened\"",
                "name=\"Message_CustomerComplainedAgain\""));

        assertThat(ModelChecks.of(copy).uncorrelatedMessages()).containsExactly("support-case.bpmn message"
                + " 'Message_CustomerComplainedAgain' is never correlated by the code or a test, so the case would wait for it forever");
    }

    private void copyProject() throws IOException {
        ProjectCopy.copy(copy, "processes", "forms", "src/main/java");
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        ProjectCopy.edit(copy, file, change);
    }
}
