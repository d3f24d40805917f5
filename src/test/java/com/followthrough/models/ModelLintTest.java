package com.followthrough.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lint that runs in the build ({@code npm run lint}, rules in {@code .bpmnlintrc}) fails on what a
 * designer can get wrong in the Modeler, and names the element. The build lints the real models
 * before the tests; here broken copies prove the rules are the ones we rely on.
 */
class ModelLintTest {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path BPMNLINT = PROJECT.resolve("node_modules/bpmnlint/bin/bpmnlint.js");

    @TempDir
    Path copy;

    @Test
    void anUnlabelledGatewayFailsTheLintAndIsNamed() throws Exception {
        Path model = brokenCopy("support-case.bpmn", "id=\"Gateway_ProblemSolved\" name=\"Problem solved?\"",
                "id=\"Gateway_ProblemSolved\"");

        Lint lint = lint(model);

        assertThat(lint.exitCode).isNotZero();
        assertThat(lint.output).containsPattern("Gateway_ProblemSolved\\s+error\\s+Element is missing label/name\\s+label-required");
    }

    @Test
    void aProcessWithoutHistoryTimeToLiveFailsTheLint() throws Exception {
        Path model = brokenCopy("keep-promise.bpmn", " camunda:historyTimeToLive=\"180\"", "");

        Lint lint = lint(model);

        assertThat(lint.exitCode).isNotZero();
        assertThat(lint.output).containsPattern("KeepPromise\\s+error\\s+Property <historyTimeToLive> should be configured"
                + ".*camunda-compat/history-time-to-live");
    }

    private Path brokenCopy(String file, String original, String replacement) throws IOException {
        String xml = Files.readString(PROJECT.resolve("processes").resolve(file));
        assertThat(xml).contains(original);
        Path broken = copy.resolve(file);
        Files.writeString(broken, xml.replace(original, replacement));
        return broken;
    }

    private static Lint lint(Path model) throws IOException, InterruptedException {
        assertThat(BPMNLINT).as("bpmnlint is installed by the build's `npm ci` (or run `npm ci` in the project root)").exists();
        Process process = new ProcessBuilder("node", BPMNLINT.toString(), model.toString())
                .directory(PROJECT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Lint(process.exitValue(), output);
    }

    record Lint(int exitCode, String output) {
    }
}
