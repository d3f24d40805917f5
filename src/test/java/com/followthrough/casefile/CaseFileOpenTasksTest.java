package com.followthrough.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.process.ProcessTest;
import com.followthrough.promise.Promises;

/**
 * The open tasks of a case file (GET /api/cases/{reference}) come in one order, whatever order the database returns
 * tasks created in the same millisecond in: oldest first, then the one due first (docs/api.md, *Reading a case*).
 */
@ProcessTest
class CaseFileOpenTasksTest {

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired CaseFiles caseFiles;

    /** The engine's clock stands still: the diagnosis and the customer's message arrive in the same millisecond. */
    @Test
    void tasksCreatedInTheSameMillisecondComeDueFirstFirst() {
        CaseDriver c = CaseDriver.open(engine, inbox, messages, promises, CaseDriver.caseFromJane())
                .listen("anna", Map.of()).customerWrites("Any news? The bank charges me fees.");
        Task diagnose = c.task("Task_DiagnoseProblem");
        Task answer = c.task("Task_AnswerCustomerMessage");
        assertThat(answer.getCreateTime()).isEqualTo(diagnose.getCreateTime());
        assertThat(answer.getDueDate()).isBefore(diagnose.getDueDate());

        List<CaseFile.OpenTask> shown = caseFiles.read(c.reference).openTasks();

        assertThat(shown).extracting(CaseFile.OpenTask::taskDefinitionKey)
                .containsExactly("Task_AnswerCustomerMessage", "Task_DiagnoseProblem");
    }
}
