package com.followthrough.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The designers' manual ({@code docs/designers.md}) shows every process as a picture rendered from its BPMN by
 * {@code docs/render-diagrams}.
 * The renderer records which version of each diagram it drew; a changed diagram without a fresh
 * picture fails here, with the command that renders it.
 */
class DiagramPicturesTest {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final String RENDER = "npm ci --prefix docs/render-diagrams && node docs/render-diagrams/render.mjs";

    @Test
    void everyProcessHasAPictureRenderedFromItsCurrentDiagramShownInTheDesignersManual() throws Exception {
        Path manifest = PROJECT.resolve("docs/images/rendered-from.json");
        assertThat(manifest).as("the pictures have never been rendered; render them: " + RENDER).exists();
        JsonNode renderedFrom = new ObjectMapper().readTree(manifest.toFile());
        String manual = Files.readString(PROJECT.resolve("docs/designers.md"));
        try (Stream<Path> diagrams = Files.list(PROJECT.resolve("processes"))) {
            for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                String file = diagram.getFileName().toString();
                String picture = "docs/images/" + file.replace(".bpmn", ".png");

                assertThat(PROJECT.resolve(picture)).as(picture + " is missing; render it: " + RENDER).exists();
                assertThat(renderedFrom.path(file).asText())
                        .as(picture + " was drawn from an older " + file + "; render it again: " + RENDER)
                        .isEqualTo(sha256(diagram));
                assertThat(manual).as("docs/designers.md shows " + picture)
                        .contains("](" + picture.substring("docs/".length()) + ")");
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
