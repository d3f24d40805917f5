package com.followthrough.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/**
 * A form that names another task ("Their task *…* stays open … open their task", "the supervisors get \"…\" at
 * once"), in a text or a field's description, names it as Tasklist shows it (the task's {@code tasklistName}, with
 * the customer's name), not by the model's name, which nobody sees in the list: a supervisor told to find "Give the
 * customer a first response" finds no such task.
 */
class TaskNamesOnFormsTest {

    /** *Task name* in italics, or "Task name" in quotes. */
    private static final Pattern NAMED = Pattern.compile("(?<![*\\w])\\*([^*\\n]+)\\*(?![*\\w])|\"([^\"\\n]+)\"");

    @Test
    void aTaskAFormNamesIsNamedAsTasklistShowsIt() throws IOException {
        Map<String, String> shownName = new HashMap<>();
        try (Stream<Path> models = Files.list(Path.of("processes"))) {
            for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                for (UserTask task : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(UserTask.class)) {
                    String tasklistName = task.getModelInstance().getModelElementsByType(CamundaProperty.class)
                            .stream().filter(p -> "tasklistName".equals(p.getCamundaName()) && isIn(p, task))
                            .map(CamundaProperty::getCamundaValue).findFirst().orElse(task.getName());
                    shownName.put(task.getName(), asOnForm(tasklistName));
                }
            }
        }
        List<String> misnamed = new ArrayList<>();
        for (FormText text : FormText.all()) {
            Matcher italic = NAMED.matcher(text.text());
            while (italic.find()) {
                String named = italic.group(1) != null ? italic.group(1) : italic.group(2);
                if (shownName.containsKey(named) && !shownName.get(named).equals(named)) {
                    misnamed.add(text.form() + ": " + named + ", which Tasklist shows as " + shownName.get(named));
                }
            }
        }
        assertThat(shownName).as("the models' user tasks were read").hasSizeGreaterThan(30);
        assertThat(misnamed).isEmpty();
    }

    private static boolean isIn(CamundaProperty property, UserTask task) {
        for (var parent = property.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent == task) {
                return true;
            }
        }
        return false;
    }

    /** {@code Give ${customerName} a first response now — ${caseReference}} as a form writes it. */
    private static String asOnForm(String tasklistName) {
        return tasklistName.replaceFirst(" — \\$\\{caseReference}$", "")
                .replace("${customerName}", "{{shownCustomerName}}");
    }
}
