package com.followthrough.tasklist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A text a person reads on a form in forms/: a text component or a field's description. */
record FormText(String form, String text) {

    /** Every form's texts, form by form in file order. */
    static List<FormText> all() throws IOException {
        List<FormText> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
                JsonNode read = json.readTree(form.toFile());
                List<JsonNode> shown = new ArrayList<>(read.findValues("text"));
                shown.addAll(read.findValues("description"));
                shown.forEach(text -> texts.add(new FormText(form.getFileName().toString(), text.asText())));
            }
        }
        return texts;
    }
}
