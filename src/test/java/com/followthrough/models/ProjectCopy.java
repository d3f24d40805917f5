package com.followthrough.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The project's files copied into a test's temporary folder, for the checks' tests that break something on purpose
 * (rename an element, drop a write, change a template) and see that the check names it.
 */
final class ProjectCopy {

    static final Path PROJECT = Path.of("").toAbsolutePath();

    private ProjectCopy() {
    }

    /** Copies these folders of the project (e.g. {@code processes}, {@code src/main/java}) into {@code copy}. */
    static void copy(Path copy, String... folders) throws IOException {
        for (String folder : folders) {
            Path source = PROJECT.resolve(folder);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(folder).resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        }
    }

    /** Changes one copied file; fails when the change does not apply, so a test never passes on a stale edit. */
    static void edit(Path copy, String file, UnaryOperator<String> change) throws IOException {
        Path path = copy.resolve(file);
        String before = Files.readString(path);
        String after = change.apply(before);
        assertThat(after).as("the edit to " + file + " applies").isNotEqualTo(before);
        Files.writeString(path, after);
    }
}
