package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data repairs on a database an older version of the app left: migrated up to the version before them, with the
 * engine's tables as Camunda creates them (H2 scripts of the engine jar) holding what the engine wrote then, then
 * migrated as the app's start does. The engine's tables store local times of the JVM's zone, as the engine writes them.
 */
class MigrationsOnAnOlderDatabaseTest {

    private JdbcDataSource database;

    @BeforeEach
    void anOlderDatabase() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUser("sa");
    }

    @Test
    void onADatabaseTheEngineNeverRanOnTheRepairsFindNothingToDo() throws SQLException {
        flyway(null).migrate();

        assertThat(single("SELECT COUNT(*) FROM \"ft_schema_history\" WHERE \"success\" AND \"version\" = '16.5'"))
                .isEqualTo(1);
    }

    @Test
    void aPromiseWhoseKeepPromiseEndedIsBrokenWhenItEndedAndOneStillKeptStaysOpen() throws SQLException {
        flyway("16.4").migrate();
        engineTables();
        execute("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, PROC_DEF_ID_, START_TIME_, END_TIME_) VALUES"
                + " ('kp-cancelled', 'kp-cancelled', 'KeepPromise:1:1', '2026-11-02 09:30:00', '2026-11-02 10:00:00'),"
                + " ('kp-running', 'kp-running', 'KeepPromise:1:1', '2026-11-02 09:40:00', NULL),"
                + " ('kp-done', 'kp-done', 'KeepPromise:1:1', '2026-11-02 09:50:00', '2026-11-02 11:00:00')");
        execute("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_) VALUES ('kp-running', 1, 'kp-running')");
        execute("INSERT INTO ACT_HI_TASKINST (ID_, PROC_INST_ID_, TASK_DEF_KEY_, ASSIGNEE_, START_TIME_) VALUES"
                + " ('t1', 'kp-cancelled', 'Task_CallCustomerBack', 'anna', '2026-11-02 09:30:00'),"
                + " ('t2', 'kp-cancelled', 'Task_KeepPromiseAtRisk', 'maria', '2026-11-02 09:31:00')");
        promise(1, "kp-cancelled", "OPEN");
        promise(2, "kp-running", "OPEN");
        promise(3, "kp-done", "KEPT");
        promise(4, "kp-history-cleaned-up", "OPEN");

        flyway(null).migrate();

        assertThat(promiseRow(1)).as("its KeepPromise was cancelled at 10:00; anna held the callback")
                .isEqualTo("BROKEN " + local("2026-11-02T10:00") + " anna");
        assertThat(promiseRow(2)).as("its KeepPromise still runs").isEqualTo("OPEN null null");
        assertThat(promiseRow(3)).isEqualTo("KEPT null null");
        assertThat(promiseRow(4)).as("neither running nor in the history any more: broken at its time")
                .isEqualTo("BROKEN 2026-11-02T15:00:00Z null");
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(database).table("ft_schema_history")
                .locations("classpath:db/migration");
        return (target == null ? configuration : configuration.target(target)).load();
    }

    private void engineTables() throws SQLException {
        for (String part : new String[] {"engine", "history"}) {
            execute("RUNSCRIPT FROM 'classpath:org/camunda/bpm/engine/db/create/activiti.h2.create." + part + ".sql'");
        }
    }

    private void promise(long id, String keepPromise, String status) throws SQLException {
        execute("INSERT INTO ft_promise (id, case_reference, process_instance_id, made_by, made_at, due_at,"
                + " next_actions, callback_number, status) VALUES (" + id + ", 'SC-2026-00000" + id + "', '"
                + keepPromise + "', 'anna', TIMESTAMP WITH TIME ZONE '2026-11-02 09:30:00+01',"
                + " TIMESTAMP WITH TIME ZONE '2026-11-02 16:00:00+01', 'Call back', '+1 555 0100', '" + status + "')");
    }

    private String promiseRow(long id) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT status, broken_at, broken_holder FROM ft_promise WHERE id = "
                     + id)) {
            row.next();
            Timestamp brokenAt = row.getTimestamp("broken_at");
            return row.getString("status") + " " + (brokenAt == null ? null : brokenAt.toInstant()) + " "
                    + row.getString("broken_holder");
        }
    }

    /** A time as the engine writes it: local to the JVM's zone. */
    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.systemDefault()).toInstant();
    }

    private long single(String query) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String statement) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
