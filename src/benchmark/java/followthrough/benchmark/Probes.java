package followthrough.benchmark;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the load client cannot see over the public API without changing what it measures: statement counts, whether
 * the job executor is idle, the rows a case left in the engine's tables, and set-up that would take hours through the
 * process (timers due at one moment, historic case facts). Only in the benchmark's app, on loopback; nothing here is
 * counted as the app's statements.
 */
@RestController
public class Probes {

    private final JdbcTemplate jdbc;
    private final ManagementService managementService;
    private final TransactionTemplate transaction;

    public Probes(JdbcTemplate jdbc, ManagementService managementService, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.managementService = managementService;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * H2's write delay (ms) for the benchmark's fill: 0 as the app ships (a chunk written per commit, under H2's store
     * lock), or H2's default 500 while cases are made in bulk. It changes when H2 writes its file, not which rows are
     * written; the benchmark sets 0 again before it reads.
     */
    @PostMapping("/benchmark/write-delay")
    public int writeDelay(@RequestParam int ms) {
        StatementCounter.uncounted(() -> {
            jdbc.execute("SET WRITE_DELAY " + ms);
            return null;
        });
        return ms;
    }

    @GetMapping("/benchmark/statements")
    public Map<String, Long> statements() {
        return StatementCounter.snapshot();
    }

    /** Jobs due now that have not run yet (or are running): 0 when the job executor has caught up. */
    @GetMapping("/benchmark/due-jobs")
    public long dueJobs() {
        return StatementCounter.uncounted(() -> managementService.createJobQuery().executable().count());
    }

    /** Rows of one case (its root instance and the instances it called) in the engine's runtime and history tables. */
    @GetMapping("/benchmark/rows")
    public Map<String, Object> rows(@RequestParam String processInstanceId) {
        return StatementCounter.uncounted(() -> {
            Map<String, Object> rows = new LinkedHashMap<>();
            rows.put("runtimeVariables", count("select count(*) from ACT_RU_VARIABLE where PROC_INST_ID_ in "
                    + "(select ID_ from ACT_RU_EXECUTION where ROOT_PROC_INST_ID_ = ?)", processInstanceId));
            for (String table : List.of("ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
                    "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_HI_PROCINST")) {
                rows.put(table, count("select count(*) from " + table + " where ROOT_PROC_INST_ID_ = ?", processInstanceId));
            }
            return rows;
        });
    }

    private long count(String sql, String processInstanceId) {
        Long count = jdbc.queryForObject(sql, Long.class, processInstanceId);
        return count == null ? 0 : count;
    }

    /**
     * Sets the due date of up to {@code limit} timer jobs of one activity to {@code at}; returns how many. One JDBC
     * batch on ACT_RU_JOB rather than ManagementService.setJobDuedate per job: on a loaded machine a thousand of those
     * took longer than the lead time, and the storm began while it was still being set up.
     */
    @PostMapping("/benchmark/timers-due")
    public int timersDue(@RequestParam String activityId, @RequestParam long at, @RequestParam int limit) {
        return StatementCounter.uncounted(() -> {
            List<Job> jobs = managementService.createJobQuery().activityId(activityId).timers().listPage(0, limit);
            Timestamp due = new Timestamp(at);
            jdbc.batchUpdate("update ACT_RU_JOB set DUEDATE_ = ? where ID_ = ?",
                    jobs.stream().map(job -> new Object[] {due, job.getId()}).toList());
            return jobs.size();
        });
    }

    /** All jobs in the table, due or not: what every job acquisition has to look through without an index. */
    @GetMapping("/benchmark/jobs")
    public long jobs() {
        return StatementCounter.uncounted(() -> managementService.createJobQuery().count());
    }

    @GetMapping("/benchmark/timers")
    public long timers(@RequestParam String activityId) {
        return StatementCounter.uncounted(() -> managementService.createJobQuery().activityId(activityId).timers().count());
    }

    /** When each instance passed {@code activityId} since {@code since} (epoch ms): [processInstanceId, startMs, endMs]. */
    @GetMapping("/benchmark/passed")
    public List<Object[]> passed(@RequestParam String activityId, @RequestParam long since) {
        return StatementCounter.uncounted(() -> jdbc.query(
                "select PROC_INST_ID_, START_TIME_, END_TIME_ from ACT_HI_ACTINST where ACT_ID_ = ? and START_TIME_ >= ?",
                (rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2).getTime(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).getTime()},
                activityId, new Timestamp(since)));
    }

    /** Closed cases of the last {@code days} days written straight into ft_case_fact, as the insights read them. */
    @PostMapping("/benchmark/case-facts")
    public int caseFacts(@RequestParam int count, @RequestParam(defaultValue = "90") int days) {
        return StatementCounter.uncounted(() -> {
            String definition = jdbc.queryForObject("select ID_ from ACT_RE_PROCDEF where KEY_ = 'SupportCase' "
                    + "order by VERSION_ desc limit 1", String.class);
            String[] plans = {"standard", "premium", "enterprise"};
            String[] languages = {"en", "de"};
            String[] outcomes = {"solvedAtFirstContact", "solvedAfterCallback", "solvedBySpecialist"};
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Instant now = Instant.now();
            List<Object[]> batch = new ArrayList<>();
            int written = 0;
            for (int i = 0; i < count; i++) {
                Instant opened = now.minusSeconds(random.nextLong(days * 86_400L));
                double firstResponse = 5 + random.nextDouble(600);
                double resolution = firstResponse + random.nextDouble(5_000);
                Instant resolved = opened.plusSeconds((long) (resolution * 60));
                Instant closed = resolved.plusSeconds(7 * 86_400L);
                String id = "bench-" + UUID.randomUUID();
                batch.add(new Object[] {id, "BM-" + id.substring(6, 30), definition, opened(opened),
                        opened(opened.plusSeconds(4 * 3600)), opened(opened.plusSeconds((long) (firstResponse * 60))),
                        firstResponse, opened(resolved), resolution, opened(closed), resolution + 7 * 1440.0,
                        plans[i % 3], languages[i % 2], outcomes[i % 3], random.nextInt(3), i % 17 == 0 ? 1 : 0,
                        i % 5 == 0 ? 1 : 0, i % 11 == 0 ? 1 : 0});
                if (batch.size() == 1000 || i == count - 1) {
                    // one transaction per thousand rows, not a commit per row: 90,000 rows in 160 s instead of 340 s
                    transaction.executeWithoutResult(status -> jdbc.batchUpdate("insert into ft_case_fact (process_instance_id, case_reference, process_definition_id, "
                            + "process_definition_version, customer_name, plan, language, opened_at, first_response_due_at, "
                            + "first_responded_at, first_response_minutes, resolved_at, resolution_minutes, closed_at, "
                            + "duration_minutes, stage, owner, outcome, promises_made, reopened, specialist_escalations, "
                            + "supervisor_escalations) values (?, ?, ?, 1, 'Benchmark Customer', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            + "'closed', 'anna', ?, ?, ?, ?, ?)", reorder(batch)));
                    written += batch.size();
                    batch.clear();
                }
            }
            return written;
        });
    }

    private static Timestamp opened(Instant instant) {
        return Timestamp.from(instant);
    }

    /** Rows built in reading order, put into the insert's column order. */
    private static List<Object[]> reorder(List<Object[]> rows) {
        List<Object[]> ordered = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            ordered.add(new Object[] {r[0], r[1], r[2], r[11], r[12], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                    r[13], r[14], r[15], r[16], r[17]});
        }
        return ordered;
    }
}
