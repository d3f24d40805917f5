package com.followthrough.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ids the code names (Tasklist filters, insights stages, the takeover, message correlation, the demo history)
 * are in the models, so a rename in the Modeler fails the build instead of emptying a filter in production.
 */
class ElementIdsInCodeTest {

    static final Path PROJECT = ProjectCopy.PROJECT;

    @TempDir
    Path copy;

    @Test
    void everyElementIdTheCodeNamesIsInTheModels() {
        ElementIdsInCode check = ElementIdsInCode.of(PROJECT);

        assertThat(check.mentions()).as("the check reads the ids the code depends on")
                .extracting(ElementIdsInCode.Mention::id)
                .contains("Task_CallCustomerBack", "Task_ApproveReimbursement", "CallActivity_KeepPromise",
                        "Gateway_AwaitCustomer", "SubProcess_ReimburseCustomer", "Event_CaseReopened",
                        "Message_CaseReceived", "Message_SurveyAnswered");
        assertThat(check.missing()).isEmpty();
    }

    @Test
    void aTaskRenamedInTheModelIsNamedWhereverTheCodeStillUsesTheOldId() throws IOException {
        copyProject();
        edit("processes/keep-promise.bpmn", xml -> xml.replace("Task_CallCustomerBack", "Task_RingCustomerBack"));

        assertThat(ElementIdsInCode.of(copy).missing())
                .isNotEmpty()
                .allSatisfy(finding -> assertThat(finding)
                        .contains(" names 'Task_CallCustomerBack', which no element in processes/*.bpmn has as its id"))
                .anySatisfy(finding -> assertThat(finding)
                        .startsWith("src/main/java/com/followthrough/vocabulary/Processes.java:"))
                .anySatisfy(finding -> assertThat(finding)
                        .startsWith("src/main/java/com/followthrough/demo/SimulatedCase.java:"));
    }

    @Test
    void aMessageRenamedInTheModelIsNamedThoughItsIdStayed() throws IOException {
        copyProject();
        edit("processes/support-case.bpmn", xml -> xml.replace("name=\"Message_CaseReopened\"",
                "name=\"Message_CustomerComplainedAgain\""));

        assertThat(ElementIdsInCode.of(copy).missing()).singleElement().asString()
                .startsWith("src/main/java/com/followthrough/communication/CaseInbox.java:")
                .endsWith(" names 'Message_CaseReopened', a message's id but no message's name"
                        + " (messages are correlated by name)");
    }

    @Test
    void anIdInACockpitOrTasklistScriptIsCheckedToo() throws IOException {
        copyProject();
        Path script = copy.resolve("src/main/resources/META-INF/resources/webjars/camunda/app/cockpit/scripts/stages.js");
        Files.writeString(script, "export const stages = {\n  listening: 'Task_ListenToCustomer',\n"
                + "  diagnosing: 'Task_DiagnoseTheProblem',\n};\n");

        assertThat(ElementIdsInCode.of(copy).missing()).containsExactly(
                "src/main/resources/META-INF/resources/webjars/camunda/app/cockpit/scripts/stages.js:3"
                        + " names 'Task_DiagnoseTheProblem', which no element in processes/*.bpmn has as its id");
    }

    private void copyProject() throws IOException {
        ProjectCopy.copy(copy, "processes", "src/main/java", "src/main/resources/META-INF/resources");
    }

    private void edit(String file, UnaryOperator<String> change) throws IOException {
        ProjectCopy.edit(copy, file, change);
    }
}
