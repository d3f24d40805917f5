package followthrough.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The benchmark (docs/benchmarks.md): Follow-Through against a bare one-user-task model deployed in the same app and
 * run interleaved with it, then start-up and heap against the stock starter. Writes CSV files and summary.md under
 * target/benchmarks/. Options as {@code --name=value}: intake.requests (per client count, system and round; 60),
 * rounds (2), lifecycle.cases (3), filters.cases (cases opened for the filters, with callbacks promised and overdue on
 * shares of them; 300), filters.clients (16), filters.owned (share of them listened to and owned; 0.8),
 * filters.write-delay (H2's write delay in ms while they are made, 0 again for the reads; 0: as the app ships),
 * insights.cases (10000), storm (1000), storm.cases (cases opened per system before the storms; storm), storm.kind
 * (firstResponse or callback), storm.plan (the callback storm's cases' plan; premium), storm.first (bare or ours: which
 * system fires first; bare), app.args (Spring arguments for the
 * app under test, separated by ;), startup.rounds (2); phases (intake,lifecycle,filters,insights,storm,startup);
 * database (h2 or postgres; see {@link AppDatabases} for postgres.url, postgres.user, postgres.password and
 * postgres.settings).
 */
public final class Benchmark {

    private static final String PORTAL = "portal";
    private static final String AGENT = "anna";
    private static final String SUPERVISOR = "maria";
    private static final String ANALYST = "alex";
    private static final String ADMIN = "demo";

    private final Map<String, String> options;
    private final Path out;
    private final Report report;
    private final AppDatabases databases;
    private Client client;
    private AppProcess app;
    private final AtomicInteger bareKeys = new AtomicInteger();

    private Benchmark(Map<String, String> options, Path out) {
        this.options = options;
        this.out = out;
        this.report = new Report(out);
        this.databases = AppDatabases.from(options);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        new Benchmark(options, out).run();
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    /** {@code --phases=intake,storm} runs only those; all by default. */
    private boolean phase(String name) {
        String phases = options.getOrDefault("phases", "");
        return phases.isBlank() || List.of(phases.split(",")).contains(name);
    }

    private void run() throws Exception {
        Path dir = out.resolve("run");
        deleteRecursively(dir);
        report.machine(databases.describe());
        List<String> appArgs = new ArrayList<>(databases.create("run"));
        if (phase("storm") && callbackStorm()) {
            // A callback storm has the one agent own every case it opens; the demo's capacity (15) refuses the 16th.
            appArgs.add("--follow-through.workload.capacity.default=1000000");
        }
        // --app.args=--a=1;--b=2: settings to try on the app under test, e.g. the job executor's pool.
        String extra = options.getOrDefault("app.args", "");
        if (!extra.isBlank()) {
            appArgs.addAll(List.of(extra.split(";")));
        }
        app = AppProcess.ours(dir, appArgs);
        int stopErrors;
        try {
            client = new Client(app.baseUrl());
            say("app up in " + app.startupSeconds() + " s at " + app.baseUrl());
            warmUp();
            if (phase("intake")) {
                intake();
            }
            if (phase("lifecycle")) {
                lifecycle();
            }
            if (phase("filters")) {
                filters();
            }
            if (phase("insights")) {
                insights();
            }
            if (phase("storm")) {
                storm();
            }
        } finally {
            app.close();
            stopErrors = app.errorsAfterStop();
            databases.drop("run");
        }
        report.row("stop.csv", "when,errors logged while stopping", "after load," + stopErrors);
        report.line("Errors logged while the loaded app stopped: " + stopErrors);
        if (phase("startup")) {
            startupAndHeap();
        }
        report.write();
        say("done: " + out.toAbsolutePath().resolve("summary.md"));
    }

    // --- opening cases ---------------------------------------------------------------------------------------------

    /** Ours: the intake API as the integration user, the customer on the premium plan; returns the reference. */
    private String openCase() {
        return openCase("premium");
    }

    /** Ours, the customer on {@code plan}. */
    private String openCase(String plan) {
        Map<String, Object> body = Map.of(
                "customer", Map.of("name", "Jane Doe", "email", "jane@example.org", "phone", "+1 555 0100",
                        "plan", plan),
                "language", "en", "channel", "email", "priority", "normal", "subject", "Invoice shows the wrong amount",
                "description", "I was charged twice for November and my bank account is overdrawn.");
        return client.post(PORTAL, "/api/cases", body).expect(201).json().get("reference").asText();
    }

    /** Bare: the same nine variables, through /engine-rest; returns the process instance id. */
    private String openBare() {
        Map<String, Object> variables = new LinkedHashMap<>();
        Map<String, String> values = Map.of("customerName", "Jane Doe", "customerEmail", "jane@example.org",
                "customerPhone", "+1 555 0100", "plan", "premium", "language", "en", "channel", "email",
                "priority", "normal", "subject", "Invoice shows the wrong amount",
                "description", "I was charged twice for November and my bank account is overdrawn.");
        values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type", "String")));
        return client.post(ADMIN, "/engine-rest/process-definition/key/BareCase/start",
                Map.of("businessKey", "BARE-" + bareKeys.incrementAndGet(), "variables", variables))
                .expect(200).json().get("id").asText();
    }

    private void warmUp() {
        for (int i = 0; i < 20; i++) {
            openCase();
            openBare();
        }
        awaitQuiet();
    }

    // --- intake ------------------------------------------------------------------------------------------------------

    private void intake() throws Exception {
        int requests = option("intake.requests", 60);
        int rounds = option("rounds", 2);
        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        Map<String, double[]> totals = new LinkedHashMap<>();
        Map<String, double[]> perCase = new LinkedHashMap<>();
        for (int clients : new int[] {1, 4, 16}) {
            for (int round = 0; round < rounds; round++) {
                List<String> order = round % 2 == 0 ? List.of("ours", "bare") : List.of("bare", "ours");
                for (String system : order) {
                    Supplier<String> open = "ours".equals(system) ? this::openCase : this::openBare;
                    Map<String, Long> before = statements();
                    double appCpuBefore = app.cpuSeconds();
                    double databaseCpuBefore = databases.serverCpuSeconds();
                    Load load = load(clients, requests, open);
                    awaitQuiet();
                    double appCpuMsPerCase = (app.cpuSeconds() - appCpuBefore) * 1000 / requests;
                    double databaseCpuMsPerCase = (databases.serverCpuSeconds() - databaseCpuBefore) * 1000 / requests;
                    Map<String, Long> after = statements();
                    long statementsPerCase = (delta(before, after, StatementCounter.REQUEST)
                            + delta(before, after, StatementCounter.JOB)) / requests;
                    double commitsPerCase = (delta(before, after, StatementCounter.commits(StatementCounter.REQUEST))
                            + delta(before, after, StatementCounter.commits(StatementCounter.JOB))) / (double) requests;
                    double[] counts = perCase.computeIfAbsent(system, k -> new double[5]);
                    counts[0] += statementsPerCase;
                    counts[1] += commitsPerCase;
                    counts[2]++;
                    counts[3] += appCpuMsPerCase;
                    counts[4] += databaseCpuMsPerCase;
                    String key = system + "," + clients;
                    latencies.computeIfAbsent(key, k -> new ArrayList<>()).addAll(load.latenciesMs());
                    double[] total = totals.computeIfAbsent(key, k -> new double[2]);
                    total[0] += requests;
                    total[1] += load.seconds();
                    report.row("intake.csv", "system,clients,round,requests,seconds,casesPerSecond,p50ms,p99ms,statementsPerCase,writingCommitsPerCase,appCpuMsPerCase,databaseCpuMsPerCase",
                            String.join(",", system, String.valueOf(clients), String.valueOf(round),
                                    String.valueOf(requests), f(load.seconds()), f(requests / load.seconds()),
                                    f(Stats.percentile(load.latenciesMs(), 50)), f(Stats.percentile(load.latenciesMs(), 99)),
                                    String.valueOf(statementsPerCase), f2(commitsPerCase), f(appCpuMsPerCase),
                                    f(databaseCpuMsPerCase)));
                    say("intake " + system + " " + clients + " clients round " + round + ": "
                            + f(requests / load.seconds()) + " cases/s");
                }
            }
        }
        report.line("");
        report.line("## Intake (" + requests + " cases per client count, system and round; " + rounds + " rounds, interleaved)");
        report.line("");
        report.line("| clients | ours cases/s | bare cases/s | ours/bare | ours p50 / p99 ms | bare p50 / p99 ms | p99 ours/bare |");
        report.line("|---|---|---|---|---|---|---|");
        for (int clients : new int[] {1, 4, 16}) {
            double ours = rate(totals.get("ours," + clients));
            double bare = rate(totals.get("bare," + clients));
            List<Double> o = latencies.get("ours," + clients);
            List<Double> b = latencies.get("bare," + clients);
            report.line("| " + clients + " | " + f(ours) + " | " + f(bare) + " | " + f2(ours / bare) + " | "
                    + f(Stats.percentile(o, 50)) + " / " + f(Stats.percentile(o, 99)) + " | "
                    + f(Stats.percentile(b, 50)) + " / " + f(Stats.percentile(b, 99)) + " | "
                    + f2(Stats.percentile(o, 99) / Stats.percentile(b, 99)) + "× |");
        }
        double[] ours = perCase.get("ours");
        double[] bare = perCase.get("bare");
        report.line("");
        report.line("Per case (request + the jobs it starts): SQL statements ours " + f(ours[0] / ours[2]) + ", bare "
                + f(bare[0] / bare[2]) + "; commits that wrote ours " + f2(ours[1] / ours[2]) + ", bare "
                + f2(bare[1] / bare[2]) + "; CPU ms (all client counts; includes the app's background work) ours "
                + cpu(ours) + ", bare " + cpu(bare) + ".");
    }

    /** The app's CPU per case, plus the database server's where it runs in processes of its own. */
    private static String cpu(double[] perCase) {
        return cpu(perCase[3] / perCase[2], perCase[4] / perCase[2]);
    }

    private static String cpu(double app, double database) {
        return Double.isNaN(database) ? f(app) + " (app, with H2 in it)"
                : f(app) + " app + " + f(database) + " PostgreSQL = " + f(app + database);
    }

    private static double rate(double[] total) {
        return total[0] / total[1];
    }

    record Load(double seconds, List<Double> latenciesMs) {
    }

    private Load load(int clients, int requests, Supplier<String> open) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger left = new AtomicInteger(requests);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    long t = System.nanoTime();
                    open.get();
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Load(seconds, latencies);
    }

    // --- a case from start to end --------------------------------------------------------------------------------------

    private void lifecycle() {
        int cases = option("lifecycle.cases", 3);
        Map<String, List<long[]>> steps = new LinkedHashMap<>();
        List<Map<String, Long>> oursOpenRows = new ArrayList<>();
        List<Map<String, Long>> oursRows = new ArrayList<>();
        List<Map<String, Long>> bareOpenRows = new ArrayList<>();
        List<Map<String, Long>> bareRows = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String[] reference = new String[1];
            String[] instance = new String[1];
            step(steps, "ours: open (intake)", () -> reference[0] = openCase());
            instance[0] = client.get(ADMIN, "/engine-rest/process-instance?businessKey=" + reference[0]).expect(200)
                    .json().get(0).get("id").asText();
            oursOpenRows.add(rows(instance[0]));
            step(steps, "ours: listen", () -> work(reference[0], "Task_ListenToCustomer", Map.of(
                    "problemInCustomersWords", "Charged twice for November, account overdrawn",
                    "factsGathered", "Two debits of 49 EUR on 2 Nov", "questionsAsked", "Which card? Since when?",
                    "preferredContactChannel", "phone", "callbackNumber", "+1 555 0100",
                    "discountRequested", false, "spokeToCustomer", "yes")));
            step(steps, "ours: diagnose", () -> work(reference[0], "Task_DiagnoseProblem", Map.of(
                    "diagnosis", "Billing run charged twice", "faultParty", "company", "diagnosisOutcome", "answerKnown")));
            step(steps, "ours: promise a callback", () -> work(reference[0], "Task_PromiseCallback", Map.of(
                    "nextActions", "Ask billing to reverse the second debit",
                    "callbackAt", Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES)
                            .atOffset(ZoneOffset.UTC).toString(),
                    "callbackNumber", "+1 555 0100")));
            step(steps, "ours: call back", () -> work(reference[0], "Task_CallCustomerBack", Map.of(
                    "callbackOutcome", "reachedSolved", "callbackNotes", "Spoke about the refund",
                    "discountRequested", false)));
            step(steps, "ours: resolve", () -> work(reference[0], "Task_ResolveProblem", Map.of(
                    "resolutionSummary", "The second debit was reversed", "faultParty", "company",
                    "customerCost", 0, "costOfTheMiss", 0)));
            step(steps, "ours: customer confirms (close)", () -> client.post(PORTAL,
                    "/api/cases/" + reference[0] + "/confirmation", "").expect(202));
            oursRows.add(rows(instance[0]));

            String[] bare = new String[1];
            step(steps, "bare: open", () -> bare[0] = openBare());
            bareOpenRows.add(rows(bare[0]));
            step(steps, "bare: work", () -> workBare(bare[0]));
            bareRows.add(rows(bare[0]));
        }
        report.line("");
        report.line("## One case, step by step (" + cases + " cases, median; statements: SQL statements the step's "
                + "requests and the jobs it started sent)");
        report.line("");
        report.line("| step | ms | statements (requests + jobs) | commits that wrote |");
        report.line("|---|---|---|---|");
        steps.forEach((step, runs) -> {
            List<Double> ms = runs.stream().map(r -> (double) r[0]).toList();
            List<Double> st = runs.stream().map(r -> (double) r[1]).toList();
            List<Double> commits = runs.stream().map(r -> (double) r[4]).toList();
            report.line("| " + step + " | " + f(Stats.percentile(ms, 50)) + " | " + (long) Stats.percentile(st, 50)
                    + " | " + (long) Stats.percentile(commits, 50) + " |");
            for (long[] r : runs) {
                report.row("lifecycle.csv", "step,ms,statements,requestStatements,jobStatements,writingCommits",
                        step + "," + r[0] + "," + r[1] + "," + r[2] + "," + r[3] + "," + r[4]);
            }
        });
        rowsTable(oursOpenRows, oursRows, bareOpenRows, bareRows);
    }

    /** Claims the case's open task (as the agent), reads its form variables as Tasklist does, and submits the form. */
    private void work(String reference, String taskDefinitionKey, Map<String, Object> entered) {
        JsonNode tasks = client.get(AGENT, "/engine-rest/task?processInstanceBusinessKey=" + reference
                + "&taskDefinitionKey=" + taskDefinitionKey).expect(200).json();
        if (tasks.isEmpty()) {
            throw new IllegalStateException(reference + " has no open " + taskDefinitionKey);
        }
        submit(tasks.get(0), entered);
    }

    private void workBare(String processInstanceId) {
        JsonNode tasks = client.get(AGENT, "/engine-rest/task?processInstanceId=" + processInstanceId
                + "&taskDefinitionKey=Task_BareWork").expect(200).json();
        // The bare task has no form, and a task takes only its form's fields (access.FormFieldsOnly): none.
        submit(tasks.get(0), Map.of());
    }

    private void submit(JsonNode task, Map<String, Object> entered) {
        String id = task.get("id").asText();
        if (task.get("assignee").isNull()) {
            client.post(AGENT, "/engine-rest/task/" + id + "/claim", Map.of("userId", AGENT)).expect(204);
        }
        client.get(AGENT, "/engine-rest/task/" + id + "/form-variables").expect(200);
        Map<String, Object> variables = new LinkedHashMap<>();
        entered.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        client.post(AGENT, "/engine-rest/task/" + id + "/submit-form", Map.of("variables", variables)).expect(204);
    }

    private void step(Map<String, List<long[]>> steps, String name, Runnable step) {
        Map<String, Long> before = statements();
        long start = System.nanoTime();
        step.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        awaitQuiet();
        Map<String, Long> after = statements();
        long request = delta(before, after, StatementCounter.REQUEST);
        long job = delta(before, after, StatementCounter.JOB);
        long commits = delta(before, after, StatementCounter.commits(StatementCounter.REQUEST))
                + delta(before, after, StatementCounter.commits(StatementCounter.JOB));
        steps.computeIfAbsent(name, k -> new ArrayList<>()).add(new long[] {ms, request + job, request, job, commits});
    }

    private Map<String, Long> rows(String processInstanceId) {
        JsonNode rows = client.get(null, "/benchmark/rows?processInstanceId=" + processInstanceId).expect(200).json();
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.fields().forEachRemaining(field -> counts.put(field.getKey(), field.getValue().asLong()));
        return counts;
    }

    private void rowsTable(List<Map<String, Long>> oursOpen, List<Map<String, Long>> ours, List<Map<String, Long>> bareOpen,
                           List<Map<String, Long>> bare) {
        report.line("");
        report.line("## Rows per case (median) — ours: 5 user tasks (listen, diagnose, promise, call back, resolve); bare: 1");
        report.line("");
        report.line("| rows | ours, open after intake | bare, open | ours, closed | bare, closed | ours/bare per user task |");
        report.line("|---|---|---|---|---|---|");
        for (String table : oursOpen.get(0).keySet()) {
            double oo = median(oursOpen, table);
            double bo = median(bareOpen, table);
            double oc = median(ours, table);
            double bc = median(bare, table);
            report.line("| " + table + " | " + (long) oo + " | " + (long) bo + " | " + (long) oc + " | " + (long) bc
                    + " | " + ("runtimeVariables".equals(table) ? "(open: " + f2(oo / bo) + ")" : f2((oc / 5) / bc)) + " |");
            report.row("rows.csv", "table,oursOpen,bareOpen,oursClosed,bareClosed",
                    table + "," + (long) oo + "," + (long) bo + "," + (long) oc + "," + (long) bc);
        }
        double oh = median(ours, "ACT_HI_VARINST") + median(ours, "ACT_HI_DETAIL");
        double bh = median(bare, "ACT_HI_VARINST") + median(bare, "ACT_HI_DETAIL");
        report.line("| variable history (VARINST + DETAIL) | | | " + (long) oh + " | " + (long) bh + " | "
                + f2((oh / 5) / bh) + " |");
    }

    private static double median(List<Map<String, Long>> rows, String table) {
        return Stats.percentile(rows.stream().map(r -> (double) r.get(table)).toList(), 50);
    }

    // --- Tasklist filters ---------------------------------------------------------------------------------------------

    /** {@code --filters.cases=300,1500}: read at each size in turn, opening only the difference. */
    private void filters() throws Exception {
        int opened = 0;
        for (String size : options.getOrDefault("filters.cases", "300").split(",")) {
            int wanted = Integer.parseInt(size.trim());
            filters(wanted - opened);
            opened = Math.max(opened, wanted);
        }
    }

    private void filters(int more) throws Exception {
        String loaded = "";
        FilterCases made = null;
        if (more > 0) {
            long t0 = System.nanoTime();
            made = openFilterCases(more);
            loaded = "; " + made.describe() + ", loaded in " + f((System.nanoTime() - t0) / 1e9) + " s";
        }
        int open = openCases();
        report.line("");
        report.line("## Tasklist filters with " + open + " open cases (20 reads each" + loaded + ")");
        report.line("");
        if (made != null) {
            for (FillStage stage : made.stages()) {
                report.line("- " + stage.describe());
            }
            report.line("- H2 file " + f(databaseMb()) + " MB");
            report.line("");
        }
        report.line("| filter, as | list p50 / p99 ms | count p50 / p99 ms | tasks |");
        report.line("|---|---|---|---|");
        for (String[] filter : new String[][] {{"My callbacks", AGENT}, {"Overdue promises", SUPERVISOR},
                {"Approvals", SUPERVISOR}, {"Team queue", AGENT}}) {
            JsonNode found = client.get(filter[1], "/engine-rest/filter?resourceType=Task&nameLike="
                    + Client.encode(filter[0] + "%")).expect(200).json();
            if (found.isEmpty()) {
                throw new IllegalStateException("No filter " + filter[0] + " for " + filter[1]);
            }
            String id = found.get(0).get("id").asText();
            List<Double> list = new ArrayList<>();
            List<Double> count = new ArrayList<>();
            int tasks = 0;
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                client.post(filter[1], "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15", "{}").expect(200);
                list.add((System.nanoTime() - t) / 1e6);
                t = System.nanoTime();
                tasks = client.get(filter[1], "/engine-rest/filter/" + id + "/count").expect(200).json().get("count").asInt();
                count.add((System.nanoTime() - t) / 1e6);
            }
            report.line("| " + filter[0] + ", " + filter[1] + " | " + f(Stats.percentile(list, 50)) + " / "
                    + f(Stats.percentile(list, 99)) + " | " + f(Stats.percentile(count, 50)) + " / "
                    + f(Stats.percentile(count, 99)) + " | " + tasks + " |");
            report.row("filters.csv", "filter,user,openCases,listP50ms,listP99ms,countP50ms,countP99ms,tasks",
                    String.join(",", filter[0], filter[1], String.valueOf(open), f(Stats.percentile(list, 50)),
                            f(Stats.percentile(list, 99)), f(Stats.percentile(count, 50)),
                            f(Stats.percentile(count, 99)), String.valueOf(tasks)));
        }
        if (aFilterCase != null) {
            readCaseFile(open);
        }
    }

    /** One of the filters' cases read as a supervisor would, 20 times: {@code GET /api/cases/{reference}}. */
    private void readCaseFile(int open) {
        List<Double> read = new ArrayList<>();
        int tasks = 0;
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            tasks = client.get(SUPERVISOR, "/api/cases/" + aFilterCase).expect(200).json().get("openTasks").size();
            read.add((System.nanoTime() - t) / 1e6);
        }
        report.line("| case file (`GET /api/cases/" + aFilterCase + "`), " + SUPERVISOR + " | "
                + f(Stats.percentile(read, 50)) + " / " + f(Stats.percentile(read, 99)) + " | — | " + tasks + " |");
        report.row("filters.csv", "filter,user,openCases,listP50ms,listP99ms,countP50ms,countP99ms,tasks",
                String.join(",", "case file", SUPERVISOR, String.valueOf(open), f(Stats.percentile(read, 50)),
                        f(Stats.percentile(read, 99)), "", "", String.valueOf(tasks)));
    }

    private int openCases() {
        return client.get(ADMIN, "/engine-rest/process-instance/count?processDefinitionKey=SupportCase")
                .expect(200).json().get("count").asInt();
    }

    /*
     * The open cases the filters read, as a support team has them: most listened to and owned (at the owner's
     * capacity, so a thousand cases have some fifty owners and "My callbacks" finds an agent's few among all), a
     * share waiting in the team queue, a callback promised on a share of the owned ones, and some of those promises
     * past due (their Callback due timer fired: the promise broken, the supervisors' Keep the promise at risk). Every
     * case goes its way through the process over the API (intake, Listen, Diagnose, Promise a callback), so the
     * tasks, identity links, authorizations, variables and timers are the rows production would have.
     */
    private static final int CALLBACK_PER_OWNED_FOUR = 1;
    private static final int OVERDUE_PER_TEN_CALLBACKS = 1;
    private static final String BENCH_AGENT = "benchagent";
    /** A case of the filters' fill (the middle one by reference), read as a case file. */
    private volatile String aFilterCase;

    record FilterCases(int opened, int queued, int owned, int callbacks, int overdue, int owners, int failed,
                       double ownedShare, int writeDelay, List<FillStage> stages) {
        String describe() {
            return opened + " opened for it (owned share " + f2(ownedShare) + (writeDelay > 0 ? ", H2 write delay "
                    + writeDelay + " ms while they were made, 0 for the reads" : "") + "): " + queued
                    + " in the team queue, " + owned + " owned (so far by " + owners
                    + " agents: anna and benchmark agents, " + FILTER_CAPACITY + " cases each), " + callbacks
                    + " with a callback promised, " + overdue + " of them past due"
                    + (failed > 0 ? ", " + failed + " failed" : "");
        }
    }

    /** The demo profile's capacity (application-demo.yaml): an agent owns at most this many open cases. */
    private static final int FILTER_CAPACITY = 15;

    private FilterCases openFilterCases(int count) throws Exception {
        int clients = option("filters.clients", 16);
        double ownedShare = ownedShare();
        // H2's own setting: on PostgreSQL the option does nothing
        int writeDelay = databases.isH2() ? option("filters.write-delay", 0) : 0;
        if (writeDelay > 0) {
            client.post(null, "/benchmark/write-delay?ms=" + writeDelay, "").expect(200);
        }
        try {
            return openFilterCases(count, clients, ownedShare, writeDelay);
        } finally {
            if (writeDelay > 0) {
                client.post(null, "/benchmark/write-delay?ms=0", "").expect(200);
            }
        }
    }

    /** {@code --filters.owned}: the share of the filters' cases listened to and so owned; the rest wait in the queue. */
    private double ownedShare() {
        double share = Double.parseDouble(options.getOrDefault("filters.owned", "0.8"));
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("--filters.owned must be between 0 and 1: " + share);
        }
        return share;
    }

    private FilterCases openFilterCases(int count, int clients, double ownedShare, int writeDelay) throws Exception {
        say("opening " + count + " cases for the filters");
        List<String> references = Collections.synchronizedList(new ArrayList<>());
        List<FillStage> stages = new ArrayList<>();
        stages.add(fillStage("open (intake)", count, () -> {
            Load requests = load(clients, count, () -> {
                String reference = openCase();
                references.add(reference);
                return reference;
            });
            long t0 = System.nanoTime();
            awaitQuiet();
            // the acknowledgment jobs (Listen's creation) run after the 201: how long they lagged behind the requests
            say("intake requests " + f(requests.seconds()) + " s, then the jobs' catch-up " + f((System.nanoTime() - t0) / 1e9) + " s");
        }));
        references.sort(null);
        aFilterCase = references.get(references.size() / 2);
        say("opened " + references.size() + "; listening, promising");
        int owned = 0;
        List<String[]> ownedCases = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            // spread evenly: at 0.8, 8 of every 10 cases
            if (Math.floor((i + 1) * ownedShare) > Math.floor(i * ownedShare)) {
                ownedCases.add(new String[] {references.get(i), owner(ownedForFilters + owned++)});
            }
        }
        ownedForFilters += owned;
        int owners = (ownedForFilters + FILTER_CAPACITY - 1) / FILTER_CAPACITY;
        createBenchAgents(owners - 1, clients);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        stages.add(fillStage("listen (claim, submit)", ownedCases.size(), () -> {
            load(clients, ownedCases.size(), () -> {
                String[] c = ownedCases.get(next.getAndIncrement());
                return tryWork(failed, () -> workAs(c[1], c[0], "Task_ListenToCustomer", LISTENED));
            });
            awaitQuiet();
        }));
        // the overdue ones first and due soonest (the benchmark's app takes promises from a minute ahead, production
        // from five): due by the time the others are promised
        List<String[]> callbacks = new ArrayList<>();
        for (int i = 0; i < ownedCases.size(); i += 4 / CALLBACK_PER_OWNED_FOUR) {
            callbacks.add(ownedCases.get(i));
        }
        int overdue = callbacks.size() * OVERDUE_PER_TEN_CALLBACKS / 10;
        AtomicLong lastOverdue = new AtomicLong();
        AtomicInteger nextCallback = new AtomicInteger();
        stages.add(fillStage("diagnose + promise a callback", callbacks.size(), () -> load(clients, callbacks.size(), () -> {
            int i = nextCallback.getAndIncrement();
            String[] c = callbacks.get(i);
            Instant at = i < overdue ? Instant.now().plus(2, ChronoUnit.MINUTES)
                    : Instant.now().plus(1, ChronoUnit.HOURS).plus(ThreadLocalRandom.current().nextLong(72 * 60), ChronoUnit.MINUTES);
            if (i < overdue) {
                lastOverdue.accumulateAndGet(at.toEpochMilli(), Math::max);
            }
            return tryWork(failed, () -> {
                workAs(c[1], c[0], "Task_DiagnoseProblem", DIAGNOSED);
                Map<String, Object> promise = new LinkedHashMap<>(PROMISED);
                promise.put("callbackAt", at.truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC).toString());
                workAs(c[1], c[0], "Task_PromiseCallback", promise);
            });
        })));
        long wait = lastOverdue.get() + 30_000 - System.currentTimeMillis();
        if (wait > 0) {
            say("waiting " + wait / 1000 + " s for the overdue promises to fall due");
            Thread.sleep(wait);
        }
        awaitQuiet();
        return new FilterCases(references.size(), references.size() - owned, owned, callbacks.size(), overdue, owners,
                failed.get(), ownedShare, writeDelay, stages);
    }

    /** One kind of step of the fill: how long it took (with the jobs it started) and the requests it sent. */
    record FillStage(String name, int cases, double seconds, long requests, double appCpuSeconds) {
        double casesPerSecond() {
            return cases / Math.max(seconds, 0.001);
        }

        double requestsPerCase() {
            return requests / (double) Math.max(cases, 1);
        }

        double appCpuMsPerCase() {
            return appCpuSeconds * 1000 / Math.max(cases, 1);
        }

        String describe() {
            return name + ": " + cases + " cases in " + f(seconds) + " s (" + f(casesPerSecond()) + " cases/s, "
                    + f2(requestsPerCase()) + " requests and " + f(appCpuMsPerCase()) + " ms of the app's CPU per case)";
        }
    }

    private FillStage fillStage(String name, int cases, ThrowingRunnable stage) throws Exception {
        long requests = client.sent();
        double cpu = app.cpuSeconds();
        long t0 = System.nanoTime();
        stage.run();
        FillStage done = new FillStage(name, cases, (System.nanoTime() - t0) / 1e9, client.sent() - requests,
                app.cpuSeconds() - cpu);
        say(done.describe());
        report.row("filters-fill.csv", "stage,cases,seconds,casesPerSecond,requestsPerCase,appCpuMsPerCase",
                String.join(",", name, String.valueOf(cases), f(done.seconds()), f(done.casesPerSecond()),
                        f2(done.requestsPerCase()), f(done.appCpuMsPerCase())));
        return done;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Cases owned by anna and the benchmark agents so far: the next one goes to the next agent with room. */
    private int ownedForFilters;

    private static String owner(int ownedIndex) {
        int agent = ownedIndex / FILTER_CAPACITY;
        return agent == 0 ? AGENT : BENCH_AGENT + agent;
    }

    private String tryWork(AtomicInteger failed, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (failed.incrementAndGet() <= 5) {
                say("a filter case failed: " + e.getMessage());
            }
        }
        return "";
    }

    /** Agents of the English team like anna, created over the REST API as the admin (ids: letters and digits only). */
    private void createBenchAgents(int count, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        load(clients, count, () -> {
            createBenchAgent(next.incrementAndGet());
            return "";
        });
    }

    private void createBenchAgent(int i) {
        String id = BENCH_AGENT + i;
        if (client.get(ADMIN, "/engine-rest/user/count?id=" + id).expect(200).json().get("count").asInt() > 0) {
            return;
        }
        client.post(ADMIN, "/engine-rest/user/create", Map.of(
                "profile", Map.of("id", id, "firstName", "Agent", "lastName", String.valueOf(i),
                        "email", id + "@follow-through.example"),
                "credentials", Map.of("password", id))).expect(204);
        for (String group : List.of("agents", "agents-en")) {
            client.put(ADMIN, "/engine-rest/group/" + group + "/members/" + id).expect(204);
        }
    }

    private static final Map<String, Object> LISTENED = Map.of(
            "problemInCustomersWords", "Charged twice for November, account overdrawn",
            "factsGathered", "Two debits of 49 EUR on 2 Nov", "questionsAsked", "Which card? Since when?",
            "preferredContactChannel", "phone", "callbackNumber", "+1 555 0100",
            "discountRequested", false, "spokeToCustomer", "yes");
    private static final Map<String, Object> DIAGNOSED = Map.of(
            "diagnosis", "Billing run charged twice", "faultParty", "company", "diagnosisOutcome", "answerKnown");
    private static final Map<String, Object> PROMISED = Map.of(
            "nextActions", "Ask billing to reverse the second debit", "callbackNumber", "+1 555 0100");

    /**
     * Claims the case's open task as {@code user} and submits the form: a loader, so without reading the form. People
     * pick a task from a Tasklist filter; the loader finds it by the case's instance, which the administrator looks
     * up once: a task query by business key reads every open task on H2 for a user whose authorizations are checked
     * (docs/benchmarks.md, *Big sizes*).
     */
    private void workAs(String user, String reference, String taskDefinitionKey, Map<String, Object> entered) {
        JsonNode tasks = client.get(user, "/engine-rest/task?processInstanceId=" + instanceOf(reference)
                + "&taskDefinitionKey=" + taskDefinitionKey).expect(200).json();
        if (tasks.isEmpty()) {
            throw new IllegalStateException(reference + " has no open " + taskDefinitionKey + " for " + user);
        }
        String id = tasks.get(0).get("id").asText();
        if (tasks.get(0).get("assignee").isNull()) {
            client.post(user, "/engine-rest/task/" + id + "/claim", Map.of("userId", user)).expect(204);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        entered.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        client.post(user, "/engine-rest/task/" + id + "/submit-form", Map.of("variables", variables)).expect(204);
    }

    private final Map<String, String> instances = new ConcurrentHashMap<>();

    private String instanceOf(String reference) {
        return instances.computeIfAbsent(reference, key -> client.get(ADMIN, "/engine-rest/process-instance?businessKey="
                + key + "&processDefinitionKey=SupportCase").expect(200).json().get(0).get("id").asText());
    }

    // --- insights ---------------------------------------------------------------------------------------------------------

    /** {@code --insights.cases=100000,1000000}: read at each size in turn, loading only the difference. */
    private void insights() {
        int loaded = 0;
        for (String size : options.getOrDefault("insights.cases", "10000").split(",")) {
            loaded = insights(Integer.parseInt(size.trim()), loaded);
        }
    }

    private int insights(int cases, int loaded) {
        long t0 = System.nanoTime();
        // in chunks: 50,000 rows in one request outlasted the client's two-minute timeout on the loaded machine
        while (loaded < cases) {
            int chunk = Math.min(INSIGHTS_CHUNK, cases - loaded);
            loaded += client.post(null, "/benchmark/case-facts?count=" + chunk, "").expect(200).json().asInt();
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        say("loaded " + loaded + " historic cases in " + f(loadSeconds) + " s");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        report.line("");
        report.line("## Insights over " + loaded + " historic cases (loaded into ft_case_fact, the rows added for this size in " + f(loadSeconds)
                + " s; database file " + f(databaseMb()) + " MB; 10 reads each)");
        report.line("");
        report.line("| request | p50 ms | p99 ms |");
        report.line("|---|---|---|");
        for (String[] request : new String[][] {
                {"last 30 days", "/api/insights?from=" + today.minusDays(30) + "&to=" + today},
                {"last 90 days, premium", "/api/insights?from=" + today.minusDays(90) + "&to=" + today + "&plan=premium"},
                {"closed cases, first page", "/api/insights/cases?from=" + today.minusDays(90) + "&to=" + today}}) {
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long t = System.nanoTime();
                client.get(ANALYST, request[1]).expect(200);
                ms.add((System.nanoTime() - t) / 1e6);
            }
            report.line("| " + request[0] + " | " + f(Stats.percentile(ms, 50)) + " | " + f(Stats.percentile(ms, 99)) + " |");
            report.row("insights.csv", "request,historicCases,p50ms,p99ms,databaseMb",
                    request[0] + "," + loaded + "," + f(Stats.percentile(ms, 50)) + "," + f(Stats.percentile(ms, 99))
                            + "," + f(databaseMb()));
        }
        return loaded;
    }

    private static final int INSIGHTS_CHUNK = 10_000;

    /** Size of the app's H2 files (data/*.db under the run directory). */
    private double databaseMb() {
        try (var files = Files.walk(out.resolve("run"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".db")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum() / 1e6;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    // --- timer storm ------------------------------------------------------------------------------------------------------

    /** Per storm of ours' late callbacks: how many firings brought in the supervisors at once. */
    private final List<String> stormPaths = new ArrayList<>();

    private void storm() throws Exception {
        int size = option("storm", 1000);
        // Rounds alternate which system fires first, each on timers of its own, as the intake's rounds do: a storm
        // lasts seconds, and on a shared machine what else runs in those seconds moved one storm's ratio by half.
        int rounds = option("storm.rounds", 1);
        // More cases than timers made due: the other cases' jobs stay in the table, as in production.
        int cases = Math.max(size * rounds, option("storm.cases", size * rounds));
        boolean callbacks = callbackStorm();
        report.line("");
        report.line("## Timer storm: " + size + " timers due at the same moment (ours: "
                + (callbacks ? "promised callbacks, Event_CallbackDue, on the " + stormPlan() + " plan"
                        : "first responses, Event_FirstResponseDue") + ")"
                + (cases > size ? ", of " + cases + " cases per system" : "")
                + (rounds > 1 ? ", " + rounds + " rounds" : ""));
        report.line("");
        report.line("| system | fired | each once | jobs/s | first picked up after | lateness p50 / p99 | statements per timer: jobs + acquisition | CPU ms per timer |");
        report.line("|---|---|---|---|---|---|---|---|");
        // Per system, over all rounds: timers fired, seconds from the first to the last firing, CPU ms.
        Map<String, double[]> totals = new HashMap<>();
        List<String> roundRatios = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        // Both systems' cases are opened before either storm, so that each storm fires in a table that holds both.
        // The system that fires second still finds the first one's fired timers in the history: --storm.first=ours
        // swaps the order, and the rounds alternate it, so that two rounds (or two runs, one each way) bracket it.
        List<String> first = "ours".equals(options.getOrDefault("storm.first", "bare")) ? List.of("ours", "bare")
                : List.of("bare", "ours");
        for (String system : List.of("bare", "ours")) {
            boolean ours = "ours".equals(system);
            String activity = stormActivity(ours, callbacks);
            Supplier<String> open = !ours ? this::openBare : callbacks ? this::openCaseWithCallbackPromised : this::openCase;
            int timers = client.get(null, "/benchmark/timers?activityId=" + activity).expect(200).json().asInt();
            if (timers < cases) {
                say("opening " + (cases - timers) + " " + system + " cases for the storm");
                load(4, cases - timers, open);
                awaitQuiet();
            }
        }
        for (int round = 0; round < rounds; round++) {
            List<String> order = round % 2 == 0 ? first : List.of(first.get(1), first.get(0));
            Map<String, Double> rates = new HashMap<>();
            for (String system : order) {
                String label = system + (rounds > 1 ? " (round " + (round + 1) + ")" : "");
                tables.add(label + " " + client.get(null, "/benchmark/jobs").expect(200).json().asLong());
                Storm storm = fire(system, round + 1, label, size, callbacks);
                if (storm != null) {
                    rates.put(system, storm.rate());
                    double[] total = totals.computeIfAbsent(system, k -> new double[3]);
                    total[0] += storm.timers();
                    total[1] += storm.seconds();
                    total[2] += storm.cpuMsPerTimer() * storm.timers();
                }
                awaitQuiet();
            }
            roundRatios.add(f2(rates.getOrDefault("ours", Double.NaN) / rates.getOrDefault("bare", Double.NaN)));
        }
        report.line("");
        report.line("Order: " + String.join(" first, then ", first) + (rounds > 1 ? ", the other way round in every second round" : "")
                + " (both systems' cases opened before the first storm).");
        report.line("Jobs in the table when each storm began: " + String.join(", ", tables) + ".");
        if (!stormPaths.isEmpty()) {
            report.line("Ours' late callbacks that brought in the supervisors at once (*Team at work?* yes;"
                    + " the others wait for the plan's hours): " + String.join(", ", stormPaths) + ".");
        }
        double[] ours = totals.getOrDefault("ours", new double[] {Double.NaN, Double.NaN, Double.NaN});
        double[] bare = totals.getOrDefault("bare", new double[] {Double.NaN, Double.NaN, Double.NaN});
        report.line("Timer storm, jobs/s ours/bare: " + f2((ours[0] / ours[1]) / (bare[0] / bare[1]))
                + (rounds > 1 ? " over all rounds (each round: " + String.join(", ", roundRatios) + ")" : "")
                + "; CPU per timer ours/bare: " + f2((ours[2] / ours[0]) / (bare[2] / bare[0])) + ".");
    }

    /** One system's storm: its rate from the first firing to the last, and the CPU per timer. */
    record Storm(int timers, double seconds, double cpuMsPerTimer) {

        double rate() {
            return timers / seconds;
        }
    }

    /** Makes {@code size} of the system's timers due at one moment and waits until they have fired; null if they did not. */
    private Storm fire(String system, int round, String label, int size, boolean callbacks) throws Exception {
        String activity = stormActivity("ours".equals(system), callbacks);
        long at = System.currentTimeMillis() + 10_000 + size * 2L;
        boolean lateCallbacks = callbacks && "ours".equals(system);
        long stepsBefore = lateCallbacks ? supervisorsSteps() : 0;
        Map<String, Long> before = statements();
        double appCpuBefore = app.cpuSeconds();
        double databaseCpuBefore = databases.serverCpuSeconds();
        int set = client.post(null, "/benchmark/timers-due?activityId=" + activity + "&at=" + at + "&limit=" + size, "")
                .expect(200).json().asInt();
        if (System.currentTimeMillis() > at) {
            say("warning: setting the due dates took longer than the lead time");
        }
        long deadline = at + 120_000 + size * 100L;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            JsonNode passed = client.get(null, "/benchmark/passed?activityId=" + activity + "&since=" + (at - 1000))
                    .expect(200).json();
            if (passed.size() < set) {
                continue;
            }
            List<Long> fired = new ArrayList<>();
            java.util.Set<String> instances = new java.util.HashSet<>();
            for (JsonNode p : passed) {
                instances.add(p.get(0).asText());
                fired.add(p.get(1).asLong());
            }
            Thread.sleep(3000);
            JsonNode again = client.get(null, "/benchmark/passed?activityId=" + activity + "&since=" + (at - 1000))
                    .expect(200).json();
            boolean once = again.size() == set && instances.size() == set;
            awaitQuiet();
            // The app's CPU (and PostgreSQL's, when the benchmark runs it) over the storm, per timer: what the
            // firings cost, which jobs/s follows on 2 busy cores.
            double appCpuMsPerTimer = (app.cpuSeconds() - appCpuBefore) * 1000 / set;
            double databaseCpuMsPerTimer = (databases.serverCpuSeconds() - databaseCpuBefore) * 1000 / set;
            // Everything the job executor ran since the due dates were set: the timers and any job they left.
            Map<String, Long> after = statements();
            double jobStatements = delta(before, after, StatementCounter.JOB) / (double) set;
            double acquisitionStatements = delta(before, after, StatementCounter.ACQUISITION) / (double) set;
            List<Double> lateness = fired.stream().map(f -> (double) (f - at)).toList();
            long first = fired.stream().mapToLong(f -> f).min().orElse(at);
            long last = fired.stream().mapToLong(f -> f).max().orElse(at);
            Storm storm = new Storm(set, Math.max(0.001, (last - Math.min(first, last)) / 1000.0 + 0.001),
                    appCpuMsPerTimer + (Double.isNaN(databaseCpuMsPerTimer) ? 0 : databaseCpuMsPerTimer));
            report.line("| " + label + " | " + again.size() + " of " + set + " | " + (once ? "yes" : "**no**")
                    + " | " + f(storm.rate()) + " | " + f((first - at) / 1000.0) + " s | "
                    + f(Stats.percentile(lateness, 50) / 1000) + " / " + f(Stats.percentile(lateness, 99) / 1000) + " s | "
                    + f(jobStatements) + " + " + f(acquisitionStatements) + " | "
                    + cpu(appCpuMsPerTimer, databaseCpuMsPerTimer) + " |");
            report.row("storm.csv", "system,round,timers,fired,eachOnce,jobsPerSecond,firstPickupS,latenessP50s,latenessP99s,"
                    + "jobStatementsPerTimer,acquisitionStatementsPerTimer,appCpuMsPerTimer,databaseCpuMsPerTimer",
                    String.join(",", system, String.valueOf(round), String.valueOf(set), String.valueOf(again.size()),
                            String.valueOf(once), f(storm.rate()), f((first - at) / 1000.0),
                            f(Stats.percentile(lateness, 50) / 1000), f(Stats.percentile(lateness, 99) / 1000),
                            f(jobStatements), f(acquisitionStatements), f(appCpuMsPerTimer), f(databaseCpuMsPerTimer)));
            if (lateCallbacks) {
                // Which way the firings went decides what they cost: the step is a task; waiting is a timer.
                stormPaths.add(label + ": " + (supervisorsSteps() - stepsBefore) + " of " + set);
            }
            return storm;
        }
        report.line("| " + label + " | not all fired within the wait | | | | | | |");
        return null;
    }

    /** The supervisors' steps for late callbacks, open or done: one more for each firing that brought them in. */
    private long supervisorsSteps() {
        return client.get(ADMIN, "/engine-rest/history/task/count?taskDefinitionKey=Task_KeepPromiseAtRisk").expect(200)
                .json().get("count").asLong();
    }

    private static String stormActivity(boolean ours, boolean callbacks) {
        return !ours ? "Event_BareDue" : callbacks ? "Event_CallbackDue" : "Event_FirstResponseDue";
    }

    /**
     * {@code --storm.kind=callback}: our storm is of promised callbacks (the issue's "10,000 callbacks due at once"),
     * each case listened to, diagnosed and given a callback promise first; otherwise of first responses nobody gave,
     * which need only the intake.
     */
    private boolean callbackStorm() {
        return "callback".equals(options.getOrDefault("storm.kind", "firstResponse"));
    }

    /**
     * {@code --storm.plan}: the plan of the callback storm's cases. A late callback brings in the supervisors at once
     * while the plan's team works, and otherwise waits for its hours (*Team at work?*): premium's hours end at 20:00 in
     * Berlin, enterprise's never do, so a storm on enterprise measures the supervisors' step at any hour.
     */
    private String stormPlan() {
        return options.getOrDefault("storm.plan", "premium");
    }

    /** A case whose owner (the agent) promised a callback in two hours: its KeepPromise waits at "Callback due". */
    private String openCaseWithCallbackPromised() {
        String reference = openCase(stormPlan());
        awaitListenTask(reference);
        work(reference, "Task_ListenToCustomer", Map.of(
                "problemInCustomersWords", "Charged twice for November, account overdrawn",
                "factsGathered", "Two debits of 49 EUR on 2 Nov", "questionsAsked", "Which card? Since when?",
                "preferredContactChannel", "phone", "callbackNumber", "+1 555 0100",
                "discountRequested", false, "spokeToCustomer", "yes"));
        work(reference, "Task_DiagnoseProblem", Map.of(
                "diagnosis", "Billing run charged twice", "faultParty", "company", "diagnosisOutcome", "answerKnown"));
        work(reference, "Task_PromiseCallback", Map.of(
                "nextActions", "Ask billing to reverse the second debit",
                "callbackAt", Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES)
                        .atOffset(ZoneOffset.UTC).toString(),
                "callbackNumber", "+1 555 0100"));
        return reference;
    }

    /** Waits until the case's Listen task exists: the acknowledgment job creates it after the 201. */
    private void awaitListenTask(String reference) {
        long deadline = System.currentTimeMillis() + 300_000;
        while (client.get(AGENT, "/engine-rest/task?processInstanceBusinessKey=" + reference
                + "&taskDefinitionKey=Task_ListenToCustomer").expect(200).json().isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(reference + ": no Listen task after 5 minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // --- start-up and heap --------------------------------------------------------------------------------------------------

    private void startupAndHeap() throws Exception {
        int rounds = option("startup.rounds", 2);
        Path oursDir = out.resolve("startup-ours");
        Path stockDir = out.resolve("startup-stock");
        deleteRecursively(oursDir);
        deleteRecursively(stockDir);
        List<String> oursDatabase = databases.create("startup-ours");
        List<String> stockDatabase = databases.create("startup-stock");
        try {
            startupAndHeap(rounds, oursDir, oursDatabase, stockDir, stockDatabase);
        } finally {
            databases.drop("startup-ours");
            databases.drop("startup-stock");
        }
    }

    private void startupAndHeap(int rounds, Path oursDir, List<String> oursDatabase, Path stockDir,
                                List<String> stockDatabase) throws Exception {
        try (AppProcess first = AppProcess.oursAsShipped(oursDir, oursDatabase)) {
            say("ours, first start on an empty database: " + first.startupSeconds() + " s");
        }
        try (AppProcess first = AppProcess.stock(stockDir, stockDatabase)) {
            say("stock, first start on an empty database: " + first.startupSeconds() + " s");
        }
        List<Double> oursStart = new ArrayList<>();
        List<Double> stockStart = new ArrayList<>();
        List<Double> oursHeap = new ArrayList<>();
        List<Double> stockHeap = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (String system : round % 2 == 0 ? List.of("ours", "stock") : List.of("stock", "ours")) {
                boolean ours = "ours".equals(system);
                try (AppProcess app = ours ? AppProcess.oursAsShipped(oursDir, oursDatabase) : AppProcess.stock(stockDir, stockDatabase)) {
                    Thread.sleep(5000);
                    double heap = app.heapAfterGcMb();
                    (ours ? oursStart : stockStart).add(app.startupSeconds());
                    (ours ? oursHeap : stockHeap).add(heap);
                    report.row("startup.csv", "system,round,startupSeconds,heapAfterGcMb",
                            system + "," + round + "," + f2(app.startupSeconds()) + "," + f(heap));
                    say(system + " start-up " + app.startupSeconds() + " s, heap after GC " + f(heap) + " MB");
                }
            }
        }
        double os = Stats.percentile(oursStart, 50);
        double ss = Stats.percentile(stockStart, 50);
        double oh = Stats.percentile(oursHeap, 50);
        double sh = Stats.percentile(stockHeap, 50);
        report.line("");
        report.line("## Start-up (restart on an existing database) and heap after GC, " + rounds + " rounds, median");
        report.line("");
        report.line("| | ours | stock starter | ours/stock |");
        report.line("|---|---|---|---|");
        report.line("| start-up s | " + f2(os) + " | " + f2(ss) + " | " + f2(os / ss) + " |");
        // Single starts swing by a tenth or more on a shared machine: the fastest starts and the ratio of each round's
        // pair (the two starts next to each other) say how far the median's ratio can be trusted.
        double oursFastest = Collections.min(oursStart);
        double stockFastest = Collections.min(stockStart);
        List<Double> pairs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            pairs.add(oursStart.get(round) / stockStart.get(round));
        }
        report.line("| start-up s, fastest | " + f2(oursFastest) + " | " + f2(stockFastest) + " | "
                + f2(oursFastest / stockFastest) + " |");
        report.line("| start-up, each round's ours/stock: median (lowest–highest) | | | "
                + f2(Stats.percentile(pairs, 50)) + " (" + f2(Collections.min(pairs)) + "–" + f2(Collections.max(pairs))
                + ") |");
        report.line("| heap after GC MB | " + f(oh) + " | " + f(sh) + " | " + f2(oh / sh) + " |");
    }

    // --- helpers -------------------------------------------------------------------------------------------------------------

    private Map<String, Long> statements() {
        JsonNode counts = client.get(null, "/benchmark/statements").expect(200).json();
        Map<String, Long> result = new HashMap<>();
        counts.fields().forEachRemaining(field -> result.put(field.getKey(), field.getValue().asLong()));
        return result;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String kind) {
        return after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L);
    }

    /** Waits until no job is due: the async steps the last requests started have run. */
    private void awaitQuiet() {
        long deadline = System.currentTimeMillis() + 600_000;
        while (client.get(null, "/benchmark/due-jobs").expect(200).json().asLong() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("jobs still due after 10 minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static String f(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void say(String text) {
        System.out.println("[benchmark] " + text);
    }
}
