package followthrough.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** CSV files (one per measure, a row per run) and summary.md, under target/benchmarks/. */
final class Report {

    private final Path dir;
    private final List<String> summary = new ArrayList<>();
    private final Set<String> started = new HashSet<>();

    Report(Path dir) {
        this.dir = dir;
    }

    void machine(String database) {
        line("# Benchmark " + Instant.now());
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", load average "
                + loadAverage() + " at the start; demo profile; ours and bare in the same app, interleaved.");
        line("");
        line("Database: " + database + ".");
    }

    void line(String text) {
        summary.add(text);
        System.out.println(text);
    }

    void row(String file, String header, String row) {
        try {
            Path path = dir.resolve(file);
            if (started.add(file)) {
                Files.writeString(path, header + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(path, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    void write() throws IOException {
        line("");
        line("Load average at the end: " + loadAverage() + ".");
        Files.write(dir.resolve("summary.md"), summary, StandardCharsets.UTF_8);
    }
}
