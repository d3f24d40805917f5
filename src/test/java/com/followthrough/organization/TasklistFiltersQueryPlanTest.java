package com.followthrough.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.EngineQueries;
import com.followthrough.EngineTableIndexes;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.TestPostgres;

/**
 * The supervisors' "Overdue promises" and "Approvals" read the tasks they show through our index on the task's
 * definition key and due date ({@link EngineTableIndexes#TASK_DUE}), not every open task (issue 16: at 100,000 open
 * cases every list and count read some 100,000 rows). The statements are the ones the engine sends for the filter's
 * list and count as maria, run again under the database's EXPLAIN ANALYZE with the same parameters. Runs on H2 and in
 * the PostgreSQL suite.
 */
@FollowThroughSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasklistFiltersQueryPlanTest {

    private static final int CALLBACKS = 1000;
    private static final int LATE_CALLBACKS = 20;
    private static final int PROMISES_AT_RISK = 100;
    private static final int LATE_PROMISES_AT_RISK = 10;
    private static final int APPROVALS = 300;
    private static final int OTHER_TASKS = 2000;
    private static final int LATE_OTHER_TASKS = 500;

    @Autowired ProcessEngine engine;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    private String deployment;

    /** Open tasks of a support team in one instance (parallel multi-instance user tasks), a few of them past due. */
    @BeforeAll
    void openTasks() {
        BpmnModelInstance tasks = Bpmn.createExecutableProcess("TasklistFiltersQueryPlan")
                .startEvent().parallelGateway("fork")
                .userTask(TasklistFilters.PROMISE_TASKS[0]).camundaDueDate("${loopCounter < " + LATE_CALLBACKS + " ? late : later}")
                .multiInstance().parallel().cardinality(String.valueOf(CALLBACKS)).multiInstanceDone().endEvent()
                .moveToNode("fork")
                .userTask(TasklistFilters.PROMISE_TASKS[2]).camundaDueDate("${loopCounter < " + LATE_PROMISES_AT_RISK + " ? late : later}")
                .multiInstance().parallel().cardinality(String.valueOf(PROMISES_AT_RISK)).multiInstanceDone().endEvent()
                .moveToNode("fork")
                .userTask(TasklistFilters.APPROVAL_TASK).camundaDueDate("${loopCounter < 10 ? late : later}")
                .multiInstance().parallel().cardinality(String.valueOf(APPROVALS)).multiInstanceDone().endEvent()
                .moveToNode("fork")
                .userTask("OtherTask").camundaDueDate("${loopCounter < " + LATE_OTHER_TASKS + " ? late : later}")
                .multiInstance().parallel().cardinality(String.valueOf(OTHER_TASKS)).multiInstanceDone().endEvent()
                .done();
        deployment = engine.getRepositoryService().createDeployment().addModelInstance("tasks.bpmn", tasks).deploy().getId();
        Date now = ClockUtil.getCurrentTime();
        engine.getRuntimeService().startProcessInstanceByKey("TasklistFiltersQueryPlan", Map.of(
                "late", new Date(now.getTime() - 3_600_000), "later", new Date(now.getTime() + 3_600_000)));
        if (TestPostgres.isTheTestDatabase()) {
            // Production PostgreSQL keeps its statistics by autovacuum; the test cannot wait for it.
            jdbc.sql("ANALYZE ACT_RU_TASK").update();
        }
    }

    @AfterAll
    void closeTasks() {
        engine.getRepositoryService().deleteDeployment(deployment, true);
    }

    @Test
    void overduePromisesReadOnlyThePromisesNotEveryOpenTask() throws SQLException {
        List<EngineQueries.Query> reads = taskReadsOf(TasklistFilters.OVERDUE_PROMISES);

        String promiseTask = "TASK_DEF_KEY_ IN ('" + String.join("', '", TasklistFilters.PROMISE_TASKS) + "')";
        long openTasks = tasks("1 = 1");
        long promises = tasks(promiseTask);
        long latePromises = tasks(promiseTask + " AND DUE_DATE_ < :now");
        assertThat(latePromises).isGreaterThanOrEqualTo(LATE_CALLBACKS + LATE_PROMISES_AT_RISK);
        assertThat(reads).hasSize(2);
        for (EngineQueries.Query read : reads) {
            String plan = explain(read);
            assertThat(plan).as(plan).containsIgnoringCase(EngineTableIndexes.TASK_DUE.name());
            if (!TestPostgres.isTheTestDatabase()) {
                // H2 looks each key of the IN list up in the index and reads all its tasks, whatever their due date.
                assertThat(h2RowsRead(plan)).as(plan).isLessThanOrEqualTo(promises + 1).isLessThan(openTasks);
            } else {
                assertThat(plan).as(plan).doesNotContainIgnoringCase("Seq Scan on act_ru_task");
                assertThat(postgresRowsRead(plan)).as(plan).isLessThanOrEqualTo(latePromises);
            }
        }
    }

    @Test
    void approvalsReadOnlyTheApprovals() throws SQLException {
        List<EngineQueries.Query> reads = taskReadsOf(TasklistFilters.APPROVALS);

        assertThat(reads).hasSize(2);
        long approvals = tasks("TASK_DEF_KEY_ = '" + TasklistFilters.APPROVAL_TASK + "'");
        for (EngineQueries.Query read : reads) {
            String plan = explain(read);
            assertThat(plan).as(plan).containsIgnoringCase(EngineTableIndexes.TASK_DUE.name())
                    .doesNotContainIgnoringCase("Seq Scan on act_ru_task");
            assertThat(TestPostgres.isTheTestDatabase() ? postgresRowsRead(plan) : h2RowsRead(plan)).as(plan)
                    .isLessThanOrEqualTo(approvals + 1);
        }
    }

    /** The task selects of one list page (15) and one count of the filter, as maria's Tasklist sends them. */
    private List<EngineQueries.Query> taskReadsOf(String filterName) {
        String filterId = engine.getFilterService().createFilterQuery().filterName(filterName).singleResult().getId();
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember("maria").list().stream()
                .map(Group::getId).toList();
        engine.getIdentityService().setAuthentication("maria", groups);
        try {
            return EngineQueries.during(engine, () -> {
                engine.getFilterService().listPage(filterId, 0, 15);
                engine.getFilterService().count(filterId);
            }).stream().filter(query -> query.statement().endsWith("TaskEntity.selectTaskByQueryCriteria")
                    || query.statement().endsWith("TaskEntity.selectTaskCountByQueryCriteria")).toList();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private String explain(EngineQueries.Query read) throws SQLException {
        return read.explain(dataSource, TestPostgres.isTheTestDatabase() ? "EXPLAIN (ANALYZE, COSTS OFF)" : "EXPLAIN ANALYZE");
    }

    /** H2's scanCount of the task table: the rows its cursor went through. */
    private static long h2RowsRead(String plan) {
        Matcher task = Pattern.compile("FROM \"PUBLIC\".\"ACT_RU_TASK\" \"RES\"[\\s\\S]*?scanCount: (\\d+)").matcher(plan);
        assertThat(task.find()).as(plan).isTrue();
        return Long.parseLong(task.group(1));
    }

    /** The rows PostgreSQL's index (or bitmap) scan of the task table returned. */
    private static long postgresRowsRead(String plan) {
        Matcher task = Pattern.compile("(?:Index Scan using \\S+|Bitmap Heap Scan) on act_ru_task res \\(actual [^)]*rows=(\\d+)")
                .matcher(plan);
        assertThat(task.find()).as(plan).isTrue();
        return Long.parseLong(task.group(1));
    }

    private long tasks(String where) {
        return jdbc.sql("SELECT COUNT(*) FROM ACT_RU_TASK WHERE " + where)
                .params(Map.of("now", new Timestamp(ClockUtil.getCurrentTime().getTime()))).query(Long.class).single();
    }
}
