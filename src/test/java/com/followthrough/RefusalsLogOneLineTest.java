package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * A refused form is the person's mistake: one INFO line in the log, no stack trace. A real failure of a command still
 * logs as the engine logs it, an ERROR with its trace.
 */
@FollowThroughSpringTest
@ExtendWith(OutputCaptureExtension.class)
class RefusalsLogOneLineTest {

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    @BeforeEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void aRefusedFormLogsOneInfoLineAndNoTrace(CapturedOutput output) {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane()).listen("anna", Map.of());
        String diagnose = c.task("Task_DiagnoseProblem").getId();
        int before = output.getAll().length();

        assertThatThrownBy(() -> engine.getTaskService().complete(diagnose,
                Map.of("diagnosis", "   ", "faultParty", "company", "diagnosisOutcome", "solved")))
                .isInstanceOf(RefusedEntryException.class);

        String logged = output.getAll().substring(before);
        assertThat(logged.lines().filter(line -> !line.isBlank()).toList()).singleElement().satisfies(line -> {
            assertThat(line).contains(" INFO ", "Refused entry: Not saved. Please correct: \"Diagnosis\" (diagnosis) is required")
                    .doesNotContain("ENGINE-", diagnose);
        });
        assertThat(logged).doesNotContain("ERROR", "\tat ");
    }

    @Test
    void aRealFailureStillLogsAnErrorWithItsTrace(CapturedOutput output) {
        int before = output.getAll().length();

        assertThatThrownBy(() -> engine.getRepositoryService().createDeployment().name("broken")
                .addString("broken.bpmn", "<definitions>not a process").deploy())
                .isInstanceOf(ProcessEngineException.class);

        String logged = output.getAll().substring(before);
        assertThat(logged).contains("ERROR", "ENGINE-16004", "\tat org.camunda.bpm.engine");
    }
}
