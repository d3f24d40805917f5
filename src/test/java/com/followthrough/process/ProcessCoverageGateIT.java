package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.community.process_test_coverage.core.export.CoverageStateJsonExporter;
import org.camunda.community.process_test_coverage.core.export.CoverageStateResult;
import org.camunda.community.process_test_coverage.core.model.Event;
import org.camunda.community.process_test_coverage.core.model.Model;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.report.CoverageReportUtil;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The coverage gate, run by Failsafe after all tests: every process the application deploys (classpath
 * {@code processes/*.bpmn}, the auto-deployment's own pattern) must have every flow node and every sequence flow
 * covered by the process tests together. It adds up the JSON reports that camunda-process-test-coverage wrote for
 * each process test class under {@code target/process-test-coverage/}, and writes them as one report to
 * {@code target/process-test-coverage/all/report.html}.
 */
class ProcessCoverageGateIT {

    private static final String DEPLOYED_PROCESSES = "classpath*:processes/*.bpmn";
    private static final Path REPORTS = Path.of(CoverageReportUtil.TARGET_DIR_ROOT);
    private static final String AGGREGATE = "all";

    @Test
    void everyDeployedProcessIsFullyCoveredByTheProcessTestsTogether() throws IOException {
        List<CoverageStateResult> reports = classReports();
        assertThat(reports).as("coverage reports of the process test classes in %s — did the process tests run?",
                REPORTS.toAbsolutePath()).isNotEmpty();
        writeAggregateReport(reports);

        Map<String, Set<String>> coveredByProcess = new LinkedHashMap<>();
        Map<String, Model> modelByProcess = new LinkedHashMap<>();
        for (CoverageStateResult report : reports) {
            for (Suite suite : report.getSuites()) {
                for (Event event : suite.getEvents()) {
                    coveredByProcess.computeIfAbsent(event.getModelKey(), key -> new TreeSet<>()).add(event.getDefinitionKey());
                }
            }
            report.getModels().forEach(model -> modelByProcess.putIfAbsent(model.getKey(), model));
        }

        List<String> shortfalls = new ArrayList<>();
        for (DeployedProcess process : deployedProcesses()) {
            Set<String> covered = coveredByProcess.getOrDefault(process.key(), Set.of());
            Model recorded = modelByProcess.get(process.key());
            if (recorded != null && recorded.getTotalElementCount() != process.elementCount()) {
                shortfalls.add("%s (%s): the engine's definition has %d flow nodes and sequence flows, the file %d — stale report?"
                        .formatted(process.key(), process.file(), recorded.getTotalElementCount(), process.elementCount()));
                continue;
            }
            Coverage flowNodes = Coverage.of(process.flowNodes(), covered);
            Coverage sequenceFlows = Coverage.of(process.sequenceFlows(), covered);
            String line = "%s (%s): flow nodes %s, sequence flows %s".formatted(process.key(), process.file(), flowNodes, sequenceFlows);
            System.out.println("Process coverage " + line);
            if (!flowNodes.isFull() || !sequenceFlows.isFull()) {
                Set<String> uncovered = new TreeSet<>(flowNodes.uncovered());
                uncovered.addAll(sequenceFlows.uncovered());
                shortfalls.add(line + "; not covered: " + String.join(", ", uncovered));
            }
        }
        if (!shortfalls.isEmpty()) {
            fail("Process coverage below 100%% (all process test classes together; report: %s):%n  %s%n"
                            + "A partial test run (-Dtest=...) cannot reach 100%%; skip this gate with -DskipITs.",
                    REPORTS.resolve(AGGREGATE).resolve("report.html"), String.join(System.lineSeparator() + "  ", shortfalls));
        }
    }

    /** The report.json of every process test class from this build (the folder is emptied before the tests run). */
    private static List<CoverageStateResult> classReports() throws IOException {
        if (!Files.isDirectory(REPORTS)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(REPORTS)) {
            List<Path> jsons = folders.filter(folder -> !folder.getFileName().toString().equals(AGGREGATE))
                    .map(folder -> folder.resolve("report.json")).filter(Files::isRegularFile).sorted().toList();
            List<CoverageStateResult> reports = new ArrayList<>();
            for (Path json : jsons) {
                reports.add(CoverageStateJsonExporter.readCoverageStateResult(Files.readString(json, StandardCharsets.UTF_8)));
            }
            return reports;
        }
    }

    private static void writeAggregateReport(List<CoverageStateResult> reports) {
        List<Suite> suites = reports.stream().flatMap(report -> report.getSuites().stream()).toList();
        Map<String, Model> models = new LinkedHashMap<>();
        reports.forEach(report -> report.getModels().forEach(model -> models.putIfAbsent(model.getKey(), model)));
        String json = CoverageStateJsonExporter.createCoverageStateResult(suites, models.values());
        File folder = REPORTS.resolve(AGGREGATE).toFile();
        CoverageReportUtil.writeReport(json, true, folder, "report.html", CoverageReportUtil::generateHtml);
        CoverageReportUtil.writeReport(json, false, folder, "report.json", result -> result);
    }

    /** Each executable process of each deployed BPMN file, counted the way the library counts it. */
    private static List<DeployedProcess> deployedProcesses() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources(DEPLOYED_PROCESSES);
        assertThat(files).as("deployed BPMN files (%s)", DEPLOYED_PROCESSES).isNotEmpty();
        List<DeployedProcess> processes = new ArrayList<>();
        for (Resource file : files) {
            BpmnModelInstance model;
            try (InputStream in = file.getInputStream()) {
                model = Bpmn.readModelFromStream(in);
            }
            for (Process process : model.getModelElementsByType(Process.class)) {
                if (!process.isExecutable()) {
                    continue;
                }
                Set<FlowNode> flowNodes = model.getModelElementsByType(FlowNode.class).stream()
                        .filter(node -> process.getId().equals(processOf(node).getId())).collect(Collectors.toSet());
                Set<String> sequenceFlows = model.getModelElementsByType(SequenceFlow.class).stream()
                        .filter(flow -> flowNodes.contains(flow.getSource())).map(BaseElement::getId)
                        .collect(Collectors.toCollection(TreeSet::new));
                processes.add(new DeployedProcess(process.getId(), "processes/" + file.getFilename(),
                        flowNodes.stream().map(BaseElement::getId).collect(Collectors.toCollection(TreeSet::new)), sequenceFlows));
            }
        }
        return processes;
    }

    private static Process processOf(ModelElementInstance element) {
        ModelElementInstance parent = element.getParentElement();
        while (parent != null && !(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return (Process) parent;
    }

    private record DeployedProcess(String key, String file, Set<String> flowNodes, Set<String> sequenceFlows) {
        int elementCount() {
            return flowNodes.size() + sequenceFlows.size();
        }
    }

    private record Coverage(int total, Set<String> uncovered) {
        static Coverage of(Set<String> elements, Set<String> covered) {
            Set<String> uncovered = new TreeSet<>(elements);
            uncovered.removeAll(covered);
            return new Coverage(elements.size(), uncovered);
        }

        boolean isFull() {
            return uncovered.isEmpty();
        }

        @Override
        public String toString() {
            int covered = total - uncovered.size();
            return String.format(Locale.ROOT, "%.1f%% (%d/%d)", total == 0 ? 100.0 : 100.0 * covered / total, covered, total);
        }
    }
}
