package followthrough.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.followthrough.FollowThroughApplication;
import followthrough.benchmark.stock.StockStarterApp;

/**
 * One app in a JVM of its own, in its own working directory (so the H2 file {@code ./data/...} of its configuration
 * lands there, unless the arguments point it at PostgreSQL: {@link AppDatabases}), on a free loopback port. Start-up time is Spring Boot's own "process running for" figure.
 */
final class AppProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Started \\S+ in [0-9.]+ seconds \\(process running for ([0-9.]+)\\)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final int port;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger errorsAfterStop = new AtomicInteger();
    private volatile boolean stopping;
    private volatile double startupSeconds = Double.NaN;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> read(log), "app-log-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Follow-Through with the demo profile, the statement counter and the bare baseline model deployed beside it. */
    static AppProcess ours(Path dir, List<String> extraArgs) throws IOException {
        return start(BenchmarkedApp.class.getName(), dir, oursArgs(extraArgs));
    }

    /**
     * Follow-Through as it ships, with the same arguments as {@link #ours}, for start-up time and heap. Not on Maven's
     * test classpath as it is: there our component scan of {@code com.followthrough} also finds the tests' classes
     * (Spring Boot's test filter loading their JUnit annotations), which the packaged app does not carry. The
     * benchmark's own classes are outside that package, so that the tests, compiled beside them, do not see them.
     */
    static AppProcess oursAsShipped(Path dir, List<String> extraArgs) throws IOException {
        return start(FollowThroughApplication.class.getName(), dir, oursArgs(extraArgs),
                startupClasspath(dir.getParent(), false));
    }

    private static List<String> oursArgs(List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=demo",
                "--follow-through.demo.history.cases=0",
                "--camunda.bpm.deployment-resource-pattern[0]=classpath*:processes/*.bpmn",
                "--camunda.bpm.deployment-resource-pattern[1]=classpath*:processes/*.dmn",
                "--camunda.bpm.deployment-resource-pattern[2]=classpath*:forms/*.form",
                "--camunda.bpm.deployment-resource-pattern[3]=classpath*:benchmark/*.bpmn",
                // promises from a minute ahead (production: five), so that the filters' overdue callbacks fall due soon
                "--follow-through.callback.min-lead=PT1M"));
        args.addAll(extraArgs);
        return args;
    }

    /** The stock starter with only the bare baseline model, on an H2 file like ours (or the database extraArgs name). */
    static AppProcess stock(Path dir, List<String> extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--spring.config.location=classpath:/benchmark/stock.yaml"));
        args.addAll(extraArgs);
        return start(StockStarterApp.class.getName(), dir, args, startupClasspath(dir.getParent(), true));
    }

    /**
     * Both start-up apps' class path: the benchmark's own resources (the bare model, the stock starter's settings), the
     * stock starter's class for the stock app only, then the rest of this JVM's class path without the test classes
     * directory (so both keep the same libraries, the tests' included).
     */
    private static String startupClasspath(Path benchmarkDir, boolean withStockApp) throws IOException {
        Path testClasses;
        try {
            testClasses = Path.of(AppProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        // absolute: each app runs in a working directory of its own
        Path resources = benchmarkDir.toAbsolutePath().resolve("startup-classpath/resources");
        Path stockApp = benchmarkDir.toAbsolutePath().resolve("startup-classpath/stock-app");
        copyTree(testClasses.resolve("benchmark"), resources.resolve("benchmark"));
        String stockPackage = StockStarterApp.class.getPackageName().replace('.', '/');
        copyTree(testClasses.resolve(stockPackage), stockApp.resolve(stockPackage));
        List<String> entries = new ArrayList<>();
        entries.add(resources.toString());
        if (withStockApp) {
            entries.add(stockApp.toString());
        }
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!Path.of(entry).toAbsolutePath().normalize().equals(testClasses.toAbsolutePath().normalize())) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static AppProcess start(String mainClass, Path dir, List<String> args) throws IOException {
        return start(mainClass, dir, args, System.getProperty("java.class.path"));
    }

    private static AppProcess start(String mainClass, Path dir, List<String> args, String classpath) throws IOException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseG1GC", "-Duser.timezone=UTC"));
        String extraJvmOptions = System.getenv("BENCHMARK_JVM_OPTIONS");
        if (extraJvmOptions != null && !extraJvmOptions.isBlank()) {
            command.addAll(List.of(extraJvmOptions.trim().replace("{app}", dir.getFileName().toString()).split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, mainClass,
                "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        AppProcess app = new AppProcess(process, port, dir.resolve("app.log"));
        app.awaitStarted(Duration.ofMinutes(5));
        return app;
    }

    private void read(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                Matcher matcher = STARTED.matcher(line);
                if (matcher.find()) {
                    startupSeconds = Double.parseDouble(matcher.group(1));
                    started.countDown();
                }
                if (stopping && (line.contains(" ERROR ") || line.contains("Exception"))) {
                    errorsAfterStop.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // the app has gone
        }
    }

    private void awaitStarted(Duration timeout) throws IOException {
        try {
            if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || !process.isAlive()) {
                process.destroyForcibly();
                throw new IOException("The app did not start; see its app.log");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    double startupSeconds() {
        return startupSeconds;
    }

    /** CPU time the app's JVM has used so far, all its threads (requests, jobs, JIT, GC). */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Heap in use after a full GC, in MB (jcmd GC.run, then GC.heap_info). */
    double heapAfterGcMb() throws IOException, InterruptedException {
        jcmd("GC.run");
        Thread.sleep(500);
        Matcher matcher = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024.0 : Double.NaN;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    /** Lines logged as errors (or exceptions) while the app stopped: the last metrics flush, for one. */
    int errorsAfterStop() {
        return errorsAfterStop.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Thread.sleep(200);
    }
}
