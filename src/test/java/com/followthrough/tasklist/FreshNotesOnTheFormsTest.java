package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.vocabulary.FreshNotes;

/**
 * Every step that asks notes afresh ({@link FreshNotes#BY_STEP}) asks each of them on its form, in every model that has
 * the step: a completion that leaves one out gives it empty for this run of the step, refused where the form requires
 * it (docs/forms.md), and that holds only for a note the person could have given. A note missing from the form would be
 * emptied on every completion, and refused over REST as a variable the form has no field for.
 */
class FreshNotesOnTheFormsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> steps() {
        return FreshNotes.BY_STEP.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("steps")
    void eachNoteTheStepAsksAfreshIsAFieldOfItsForm(String step) throws IOException {
        List<String> forms = formsOf(step);
        assertThat(forms).as("the forms of %s in processes/", step).isNotEmpty();
        for (String form : forms) {
            Set<String> keys = new HashSet<>();
            collectKeys(JSON.readTree(Path.of("forms", form + ".form").toFile()).path("components"), keys);
            assertThat(keys).as("the fields of %s (%s)", form, step).containsAll(FreshNotes.BY_STEP.get(step));
        }
    }

    private static List<String> formsOf(String step) throws IOException {
        try (Stream<Path> models = Files.list(Path.of("processes"))) {
            return models.filter(model -> model.toString().endsWith(".bpmn"))
                    .map(model -> Bpmn.readModelFromFile(model.toFile()).getModelElementById(step))
                    .filter(UserTask.class::isInstance).map(task -> ((UserTask) task).getCamundaFormRef())
                    .toList();
        }
    }

    private static void collectKeys(JsonNode components, Set<String> keys) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key") && !component.path("disabled").asBoolean(false)) {
                keys.add(component.path("key").asText());
            }
            collectKeys(component.path("components"), keys);
        }
    }
}
