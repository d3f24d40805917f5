package com.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;

import com.followthrough.vocabulary.FreshNotes;

/**
 * The steps where someone steps in ({@link WhatSupervisorsDid#NOTE_BY_STEP}) are the steps that log into "Who stepped
 * in", and each asks its note afresh.
 */
class WhoSteppedInStepsTest {

    /** Listeners that add the step's note to the log: the log itself, and "Keep the promise at risk"'s takeover. */
    private static final Set<String> LOGGING_LISTENERS = Set.of("${whatSupervisorsDid}", "${promiseTakeover}");

    /**
     * A step the models have log that is missing from the list logs an empty note (nothing); a step on the list that
     * no model logs names a note nobody records.
     */
    @Test
    void theListNamesExactlyTheStepsWhoseModelsLogWhoSteppedIn() throws IOException {
        List<String> logging;
        try (Stream<Path> models = Files.list(Path.of("processes"))) {
            logging = models.filter(model -> model.toString().endsWith(".bpmn"))
                    .flatMap(model -> Bpmn.readModelFromFile(model.toFile())
                            .getModelElementsByType(UserTask.class).stream())
                    .filter(WhoSteppedInStepsTest::logsWhoSteppedIn)
                    .map(UserTask::getId).toList();
        }
        assertThat(WhatSupervisorsDid.NOTE_BY_STEP.keySet()).containsExactlyInAnyOrderElementsOf(Set.copyOf(logging));
    }

    /**
     * Otherwise the form opens with the previous person's note, which a submission passes on and "Who stepped in"
     * logs again under this person, and the earlier note the log keeps is not read from before the step
     * ({@link FreshNotes#caseHadBefore}).
     */
    @Test
    void everyStepWhereSomeoneStepsInAsksItsNoteAfresh() {
        assertThat(WhatSupervisorsDid.NOTE_BY_STEP).isNotEmpty().allSatisfy((step, note) -> assertThat(
                FreshNotes.BY_STEP.get(step)).as(step).isNotNull().contains(note.name()));
    }

    private static boolean logsWhoSteppedIn(UserTask task) {
        return task.getExtensionElements() != null && task.getExtensionElements()
                .getChildElementsByType(CamundaTaskListener.class).stream()
                .anyMatch(listener -> LOGGING_LISTENERS.contains(listener.getCamundaDelegateExpression()));
    }
}
