package com.followthrough.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;

/**
 * The element ids that the Java code and the webapp scripts name ({@code "Task_ListenToCustomer"},
 * {@code "Message_CaseReopened"}, ...). The engine only matches them at run time, so a rename in the Modeler would
 * silently empty a Tasklist filter, an insights stage or the takeover; this finds each one that no model in
 * {@code processes/} has any more, with the file and line that names it.
 *
 * <p>A name is id-like when it starts with one of the prefixes our ids use ({@code Task_}, {@code Event_},
 * {@code Gateway_}, ... see {@link #ID}); Java and JavaScript names never look like that, so the whole text is read,
 * not only string literals, and a comment naming an id must stay true too. A message is correlated by name, so a
 * {@code Message_} name must also be a message's {@code name}.
 */
final class ElementIdsInCode {

    static final Pattern ID = Pattern.compile("(?<![\\w.$-])((?:Task|UserTask|ServiceTask|SendTask|BusinessRuleTask"
            + "|Event|StartEvent|EndEvent|BoundaryEvent|Boundary\\w*|Gateway|SubProcess|CallActivity|Activity|Message"
            + "|Escalation|Signal|Error|Flow)_\\w+)");

    private static final List<String> SCRIPT_EXTENSIONS = List.of(".js", ".mjs", ".html");

    /** Where the code names an id: {@code src/main/java/.../TasklistFilters.java:39}, id. */
    record Mention(String where, String id) {
        @Override
        public String toString() {
            return where + " names '" + id + "'";
        }
    }

    private final Set<String> elementIds = new HashSet<>();
    private final Set<String> messageNames = new HashSet<>();
    private final List<Mention> mentions = new ArrayList<>();

    static ElementIdsInCode of(Path projectRoot) {
        ElementIdsInCode check = new ElementIdsInCode();
        for (Path model : files(projectRoot.resolve("processes"), List.of(".bpmn"))) {
            BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
            bpmn.getModelElementsByType(BaseElement.class).stream()
                    .map(BaseElement::getId).filter(id -> id != null).forEach(check.elementIds::add);
            bpmn.getModelElementsByType(Message.class).stream()
                    .map(Message::getName).filter(name -> name != null).forEach(check.messageNames::add);
        }
        for (Path source : files(projectRoot.resolve("src/main/java"), List.of(".java"))) {
            check.collect(projectRoot, source);
        }
        for (Path script : files(projectRoot.resolve("src/main/resources/META-INF/resources"), SCRIPT_EXTENSIONS)) {
            check.collect(projectRoot, script);
        }
        return check;
    }

    /** Every id the code names, file by file, in order. */
    List<Mention> mentions() {
        return List.copyOf(mentions);
    }

    /** The names of elements no model has, and of messages no model waits for by that name. */
    List<String> missing() {
        List<String> findings = new ArrayList<>();
        for (Mention mention : mentions) {
            if (!elementIds.contains(mention.id())) {
                findings.add(mention + ", which no element in processes/*.bpmn has as its id");
            } else if (mention.id().startsWith("Message_") && !messageNames.contains(mention.id())) {
                findings.add(mention + ", a message's id but no message's name (messages are correlated by name)");
            }
        }
        return findings;
    }

    private void collect(Path projectRoot, Path file) {
        String where = projectRoot.relativize(file).toString().replace('\\', '/');
        List<String> lines = read(file).lines().toList();
        for (int line = 0; line < lines.size(); line++) {
            Matcher ids = ID.matcher(lines.get(line));
            while (ids.find()) {
                mentions.add(new Mention(where + ":" + (line + 1), ids.group(1)));
            }
        }
    }

    private static List<Path> files(Path dir, List<String> extensions) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> extensions.stream().anyMatch(p.toString()::endsWith))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
