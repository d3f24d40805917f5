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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.authorization.TaskPermissions;
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

    /**
     * A database from before the case facts (V6): a case closed then, one still open, and their history as the engine
     * wrote it (the variables of the case's scope, its steps, a promise at risk in its KeepPromise).
     */
    @Test
    void casesFromBeforeTheCaseFactsGetTheirFactsFromTheEngineHistory() throws SQLException {
        flyway("5").migrate();
        engineTables();
        execute("INSERT INTO ACT_RE_PROCDEF (ID_, KEY_, VERSION_) VALUES ('SupportCase:1:1', 'SupportCase', 1),"
                + " ('KeepPromise:1:1', 'KeepPromise', 1)");
        execute("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_,"
                + " START_TIME_, END_TIME_, DURATION_, DELETE_REASON_) VALUES"
                + " ('closed', 'closed', 'SC-2026-000001', 'SupportCase', 'SupportCase:1:1', '2026-11-23 10:00:00',"
                + " '2026-11-23 13:00:00', 10800000, NULL),"
                + " ('open', 'open', 'SC-2026-000002', 'SupportCase', 'SupportCase:1:1', '2026-11-23 11:00:00',"
                + " NULL, NULL, NULL),"
                + " ('kp', 'kp', 'SC-2026-000001', 'KeepPromise', 'KeepPromise:1:1', '2026-11-23 10:30:00',"
                + " '2026-11-23 12:00:00', 5400000, NULL)");
        long respondedAt = local("2026-11-23T10:15").toEpochMilli();
        long resolvedAt = local("2026-11-23T12:30").toEpochMilli();
        execute("INSERT INTO ACT_HI_VARINST (ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_INST_ID_, NAME_, VAR_TYPE_,"
                + " TEXT_, LONG_, DOUBLE_) VALUES"
                + " ('v1', 'closed', 'closed', 'closed', 'customerName', 'string', 'Jane Doe', NULL, NULL),"
                + " ('v2', 'closed', 'closed', 'closed', 'plan', 'string', 'premium', NULL, NULL),"
                + " ('v3', 'closed', 'closed', 'closed', 'language', 'string', 'en', NULL, NULL),"
                + " ('v4', 'closed', 'closed', 'closed', 'owner', 'string', 'anna', NULL, NULL),"
                + " ('v5', 'closed', 'closed', 'closed', 'firstRespondedAt', 'date', NULL, " + respondedAt + ", NULL),"
                + " ('v6', 'closed', 'closed', 'closed', 'resolvedAt', 'date', NULL, " + resolvedAt + ", NULL),"
                + " ('v7', 'closed', 'sub', 'sub', 'owner', 'string', 'someone in a sub-process', NULL, NULL),"
                + " ('v8', 'open', 'open', 'open', 'owner', 'string', 'jonas', NULL, NULL),"
                + " ('v9', 'open', 'open', 'open', 'plan', 'string', 'standard', NULL, NULL)");
        execute("INSERT INTO ACT_HI_ACTINST (ID_, PROC_DEF_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, ACT_TYPE_,"
                + " START_TIME_, END_TIME_, ACT_INST_STATE_, SEQUENCE_COUNTER_) VALUES"
                + " ('a1', 'SupportCase:1:1', 'closed', 'closed', 'Task_ListenToCustomer', 'userTask',"
                + " '2026-11-23 10:00:00', '2026-11-23 10:15:00', 1, 1),"
                + " ('a2', 'SupportCase:1:1', 'closed', 'closed', 'Task_PromiseCallback', 'userTask',"
                + " '2026-11-23 10:20:00', '2026-11-23 10:30:00', 1, 2),"
                + " ('a3', 'SupportCase:1:1', 'closed', 'closed', 'CallActivity_KeepPromise', 'callActivity',"
                + " '2026-11-23 10:30:00', '2026-11-23 12:00:00', 1, 3),"
                + " ('a4', 'KeepPromise:1:1', 'kp', 'kp', 'Task_KeepPromiseAtRisk', 'userTask',"
                + " '2026-11-23 11:30:00', '2026-11-23 12:00:00', 1, 4),"
                + " ('a5', 'SupportCase:1:1', 'open', 'open', 'Task_ListenToCustomer', 'userTask',"
                + " '2026-11-23 11:00:00', '2026-11-23 11:10:00', 1, 5),"
                + " ('a6', 'SupportCase:1:1', 'open', 'open', 'Task_DiagnoseProblem', 'userTask',"
                + " '2026-11-23 11:10:00', NULL, 0, 6),"
                + " ('a7', 'SupportCase:1:1', 'open', 'open', 'Task_PromiseCallback', 'userTask',"
                + " '2026-11-23 11:05:00', '2026-11-23 11:06:00', 2, 7)");

        flyway(null).migrate();

        assertThat(fact("closed")).isEqualTo("SC-2026-000001 SupportCase:1:1 v1 Jane Doe premium en anna"
                + " opened " + local("2026-11-23T10:00") + " closed " + local("2026-11-23T13:00") + " 180.0"
                + " responded " + local("2026-11-23T10:15") + " 15.0 resolved " + local("2026-11-23T12:30") + " 150.0"
                + " stage closed outcome solvedAfterCallback promises 1 supervisors 1 specialists 0");
        assertThat(fact("open")).as("the cancelled Promise a callback is no promise; the stage is the latest step")
                .isEqualTo("SC-2026-000002 SupportCase:1:1 v1 null standard null jonas"
                + " opened " + local("2026-11-23T11:00") + " closed null null responded null null resolved null null"
                + " stage diagnosing outcome null promises 0 supervisors 0 specialists 0");
    }

    @Test
    void aCaseClosedAfterNoAnswerFromTheCustomerWithNoResolutionSinceIsClosedWithoutAnswer() throws SQLException {
        flyway("16.8").migrate();
        engineTables();
        caseFact("unanswered", "solvedAtFirstContact", null);
        caseFact("resolvedSince", "solvedAfterCallback", "2026-11-26 10:00:00+01");
        caseFact("resolvedBefore", "solvedBySpecialist", "2026-11-24 10:00:00+01");
        caseFact("cancelled", "cancelled", null);
        caseFact("solved", "solvedAtFirstContact", "2026-11-24 10:00:00+01");
        execute("INSERT INTO ACT_HI_ACTINST (ID_, PROC_DEF_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, ACT_TYPE_,"
                + " START_TIME_, END_TIME_, ACT_INST_STATE_, SEQUENCE_COUNTER_) VALUES"
                + noAnswer("n1", "unanswered") + "," + noAnswer("n2", "resolvedSince") + ","
                + noAnswer("n3", "resolvedBefore") + "," + noAnswer("n4", "cancelled"));

        flyway(null).migrate();

        assertThat(outcome("unanswered")).isEqualTo("closedWithoutAnswer");
        assertThat(outcome("resolvedSince")).as("a reply reopened it and it was resolved")
                .isEqualTo("solvedAfterCallback");
        assertThat(outcome("resolvedBefore")).as("reopened after its resolution, then no answer")
                .isEqualTo("closedWithoutAnswer");
        assertThat(outcome("cancelled")).isEqualTo("cancelled");
        assertThat(outcome("solved")).isEqualTo("solvedAtFirstContact");
    }

    @Test
    void aCaseWhoseCustomerCameBackAfterNoAnswerAndConfirmedItIsNotClosedWithoutAnswer() throws SQLException {
        flyway("16.9").migrate();
        engineTables();
        caseFact("lateReplyConfirmed", "closedWithoutAnswer", null);
        caseFact("confirmedWithTheLink", "closedWithoutAnswer", null);
        caseFact("repliedBeforeTheStop", "closedWithoutAnswer", null);
        caseFact("neverHeardFrom", "closedWithoutAnswer", null);
        execute("UPDATE ft_case_fact SET no_answer_at = TIMESTAMP WITH TIME ZONE '2026-11-25 16:00:00+01'");
        execute("INSERT INTO ACT_HI_ACTINST (ID_, PROC_DEF_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_, ACT_TYPE_,"
                + " START_TIME_, END_TIME_, ACT_INST_STATE_, SEQUENCE_COUNTER_) VALUES"
                + noAnswer("n1", "lateReplyConfirmed") + "," + noAnswer("n2", "confirmedWithTheLink") + ","
                + noAnswer("n3", "repliedBeforeTheStop") + "," + noAnswer("n4", "neverHeardFrom") + ","
                + step("r1", "lateReplyConfirmed", "Event_CustomerReplied", "2026-11-27 10:00:00") + ","
                + step("r2", "confirmedWithTheLink", "Event_ResolutionConfirmed", "2026-11-27 10:00:00") + ","
                + step("r3", "repliedBeforeTheStop", "Event_CustomerReplied", "2026-11-24 10:00:00"));

        flyway(null).migrate();

        assertThat(outcome("lateReplyConfirmed")).as("the reply, decided as confirming it").isEqualTo(
                "confirmedByCustomer");
        assertThat(outcome("confirmedWithTheLink")).isEqualTo("confirmedByCustomer");
        assertThat(outcome("repliedBeforeTheStop")).as("a reply that reopened it, then no answer")
                .isEqualTo("closedWithoutAnswer");
        assertThat(outcome("neverHeardFrom")).isEqualTo("closedWithoutAnswer");
    }

    /**
     * A case cancelled in Cockpit, which deletes it through the engine's REST API with no reason: the engine's history
     * has it externally terminated, and until this version its facts had the outcome of a solved case.
     */
    @Test
    void aCaseCancelledInCockpitWithoutAReasonIsCancelled() throws SQLException {
        flyway("16.13").migrate();
        engineTables();
        caseFact("cancelledInCockpit", "solvedAtFirstContact", null);
        caseFact("cancelledWithAReason", "cancelled", null);
        caseFact("solved", "solvedAfterCallback", "2026-11-24 10:00:00+01");
        execute("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, PROC_DEF_ID_, START_TIME_, END_TIME_,"
                + " DELETE_REASON_, STATE_) VALUES"
                + " ('cancelledInCockpit', 'cancelledInCockpit', 'SupportCase:1:1', '2026-11-23 09:00:00',"
                + " '2026-12-02 16:00:00', NULL, 'EXTERNALLY_TERMINATED'),"
                + " ('cancelledWithAReason', 'cancelledWithAReason', 'SupportCase:1:1', '2026-11-23 09:00:00',"
                + " '2026-12-02 16:00:00', 'Duplicate', 'EXTERNALLY_TERMINATED'),"
                + " ('solved', 'solved', 'SupportCase:1:1', '2026-11-23 09:00:00', '2026-12-02 16:00:00', NULL,"
                + " 'COMPLETED')");

        flyway(null).migrate();

        assertThat(outcome("cancelledInCockpit")).isEqualTo("cancelled");
        assertThat(outcome("cancelledWithAReason")).isEqualTo("cancelled");
        assertThat(outcome("solved")).isEqualTo("solvedAfterCallback");
    }

    /**
     * Cases closed as solved at the first contact before this version: one resolved at 10:00, reopened and resolved
     * again at 14:00, one resolved once (its first resolution recorded a millisecond after its last, as the listener
     * sets them), and one resolved before the first resolution was recorded. Only the first did not hold.
     */
    @Test
    void aCaseSolvedAgainAfterAReopeningIsNoLongerSolvedAtTheFirstContact() throws SQLException {
        flyway("16.18").migrate();
        caseFact("solvedAgain", "solvedAtFirstContact", "2026-11-24 14:00:00+01");
        caseFact("solvedOnce", "solvedAtFirstContact", "2026-11-24 10:00:00+01");
        caseFact("firstNotRecorded", "solvedAtFirstContact", "2026-11-24 14:00:00+01");
        caseFact("reopenedAfterACallback", "solvedAfterCallback", "2026-11-24 14:00:00+01");
        execute("UPDATE ft_case_fact SET first_resolved_at = TIMESTAMP WITH TIME ZONE '2026-11-24 10:00:00+01'"
                + " WHERE process_instance_id IN ('solvedAgain', 'reopenedAfterACallback')");
        execute("UPDATE ft_case_fact SET first_resolved_at = TIMESTAMP WITH TIME ZONE '2026-11-24 10:00:00.001+01'"
                + " WHERE process_instance_id = 'solvedOnce'");

        flyway(null).migrate();

        assertThat(outcome("solvedAgain")).isEqualTo("solvedAfterReopening");
        assertThat(outcome("solvedOnce")).isEqualTo("solvedAtFirstContact");
        assertThat(outcome("firstNotRecorded")).isEqualTo("solvedAtFirstContact");
        assertThat(outcome("reopenedAfterACallback")).isEqualTo("solvedAfterCallback");
    }

    /**
     * Promises of a case cancelled at 16:00: one left open (nothing closed it until this version), one V16_5 recorded
     * broken the moment the case was cancelled, before its time: both are cancelled when the case was, against nobody.
     * One broken when its time passed before the case was cancelled, and the open one of a case not cancelled, stay.
     */
    @Test
    void theOpenPromisesOfACancelledCaseAndThoseBrokenOnlyByItsCancellationAreCancelled() throws SQLException {
        flyway("16.14").migrate();
        caseFact("cancelled", "cancelled", null);
        caseFact("solved", "solvedAfterCallback", "2026-12-02 10:00:00+01");
        promiseOf(1, "cancelled", "OPEN", "2026-12-02 18:00:00+01", null);
        promiseOf(2, "cancelled", "BROKEN", "2026-12-02 18:00:00+01", "2026-12-02 15:59:59.990+01");
        promiseOf(3, "cancelled", "BROKEN", "2026-12-02 12:00:00+01", "2026-12-02 12:00:00+01");
        promiseOf(4, "solved", "OPEN", "2026-12-02 18:00:00+01", null);

        flyway(null).migrate();

        assertThat(cancelledPromiseRow(1)).isEqualTo("CANCELLED 2026-12-02T15:00:00Z null null");
        assertThat(cancelledPromiseRow(2)).as("broken by V16_5 when the case was cancelled")
                .isEqualTo("CANCELLED 2026-12-02T15:00:00Z null null");
        assertThat(cancelledPromiseRow(3)).as("its time passed before")
                .isEqualTo("BROKEN null 2026-12-02T11:00:00Z anna");
        assertThat(cancelledPromiseRow(4)).isEqualTo("OPEN null null null");
    }

    /**
     * Promises whose KeepPromise an operator cancelled alone in Cockpit while the case ran on (10:00, no reason, as
     * Cockpit deletes), or deleted with a reason through the engine's API: both stayed open until this version, and are
     * cancelled when it ended. An open one whose KeepPromise runs, and one whose KeepPromise ended otherwise, stay.
     */
    @Test
    void anOpenPromiseWhoseKeepThePromiseWasCancelledIsCancelledWhenItWas() throws SQLException {
        flyway("16.15").migrate();
        engineTables();
        execute("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, PROC_DEF_ID_, START_TIME_, END_TIME_,"
                + " DELETE_REASON_, STATE_) VALUES"
                + " ('kp-cockpit', 'kp-cockpit', 'KeepPromise:1:1', '2026-12-03 09:30:00', '2026-12-03 10:00:00',"
                + " NULL, 'EXTERNALLY_TERMINATED'),"
                + " ('kp-reason', 'kp-reason', 'KeepPromise:1:1', '2026-12-03 09:30:00', '2026-12-03 10:05:00',"
                + " 'Callback no longer needed', 'EXTERNALLY_TERMINATED'),"
                + " ('kp-running', 'kp-running', 'KeepPromise:1:1', '2026-12-03 09:40:00', NULL, NULL, 'ACTIVE'),"
                + " ('kp-completed', 'kp-completed', 'KeepPromise:1:1', '2026-12-03 09:50:00',"
                + " '2026-12-03 11:00:00', NULL, 'COMPLETED')");
        execute("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_) VALUES ('kp-running', 1, 'kp-running')");
        promise(1, "kp-cockpit", "OPEN");
        promise(2, "kp-reason", "OPEN");
        promise(3, "kp-running", "OPEN");
        promise(4, "kp-completed", "OPEN");

        flyway(null).migrate();

        assertThat(cancelledPromiseRow(1)).isEqualTo("CANCELLED " + local("2026-12-03T10:00") + " null null");
        assertThat(cancelledPromiseRow(2)).isEqualTo("CANCELLED " + local("2026-12-03T10:05") + " null null");
        assertThat(cancelledPromiseRow(3)).as("its KeepPromise still runs").isEqualTo("OPEN null null null");
        assertThat(cancelledPromiseRow(4)).as("its KeepPromise ended, not cancelled")
                .isEqualTo("OPEN null null null");
    }

    /**
     * Promises whose callback changed hands without them: sent to the team's queue before V16_11 recorded the team
     * (the promise named Olivia, a stand-in, who no longer held it), claimed from the queue by Lea before or after it
     * (the promise named Olivia, or the team). Each names who holds the call now. A callback its maker holds, one
     * unassigned and offered to no team, and one whose promise is not the one its KeepPromise keeps stay as they were.
     */
    @Test
    void eachOpenPromiseNamesWhoHoldsItsCallback() throws SQLException {
        flyway("16.11").migrate();
        engineTables();
        String[] keepPromises = {"kp-queued", "kp-claimed", "kp-claimed-from-queue", "kp-maker", "kp-no-group",
                "kp-other"};
        for (String id : keepPromises) {
            execute("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_) VALUES ('" + id + "', 1, '" + id + "')");
        }
        execute("INSERT INTO ACT_RU_TASK (ID_, REV_, PROC_INST_ID_, TASK_DEF_KEY_, ASSIGNEE_, SUSPENSION_STATE_) VALUES"
                + " ('t1', 1, 'kp-queued', 'Task_CallCustomerBack', NULL, 1),"
                + " ('t2', 1, 'kp-claimed', 'Task_CallCustomerAgain', 'lea', 1),"
                + " ('t3', 1, 'kp-claimed-from-queue', 'Task_CallCustomerBack', 'lea', 1),"
                + " ('t4', 1, 'kp-maker', 'Task_CallCustomerBack', 'anna', 1),"
                + " ('t5', 1, 'kp-no-group', 'Task_CallCustomerBack', NULL, 1),"
                + " ('t6', 1, 'kp-other', 'Task_CallCustomerBack', NULL, 1)");
        execute("INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_) VALUES"
                + " ('l1', 1, 'agents-en', 'candidate', 't1'), ('l2', 1, 'agents-en', 'candidate', 't2'),"
                + " ('l3', 1, 'agents-en', 'candidate', 't3'), ('l6', 1, 'agents-en', 'candidate', 't6')");
        for (int i = 0; i < keepPromises.length; i++) {
            long promiseId = "kp-other".equals(keepPromises[i]) ? 99 : i + 1;
            execute("INSERT INTO ACT_RU_VARIABLE (ID_, REV_, TYPE_, NAME_, EXECUTION_ID_, PROC_INST_ID_, VAR_SCOPE_,"
                    + " LONG_) VALUES ('v" + i + "', 1, 'long', 'promiseId', '" + keepPromises[i] + "', '"
                    + keepPromises[i] + "', '" + keepPromises[i] + "', " + promiseId + ")");
            promise(i + 1, keepPromises[i], "OPEN");
        }
        execute("UPDATE ft_promise SET handed_to = 'olivia' WHERE id IN (1, 2)");
        execute("UPDATE ft_promise SET handed_to_team = 'agents-en' WHERE id = 3");

        flyway("16.12").migrate();

        assertThat(holder(1)).as("in the team's queue").isEqualTo("null agents-en");
        assertThat(holder(2)).as("Lea claimed it from the queue before V16_11").isEqualTo("lea null");
        assertThat(holder(3)).as("Lea claimed it from the queue after V16_11").isEqualTo("lea null");
        assertThat(holder(4)).as("Anna, who made it, holds it").isEqualTo("null null");
        assertThat(holder(5)).as("offered to no team").isEqualTo("null null");
        assertThat(holder(6)).as("not the promise its KeepPromise keeps").isEqualTo("null null");
    }

    /**
     * Callbacks a supervisor gave back before V16_13, in no queue: no assignee, no candidate group. Each is offered to
     * its case team's queue (the German team's; the supervisors' for a case of no team), with the group's grant on the
     * task the engine gives a candidate group (READ and TASK_WORK, added to a grant the group holds already), and its
     * promise names that queue. A callback someone holds and one in a queue already stay as they were.
     */
    @Test
    void aCallbackInNoQueueIsOfferedToItsTeamsQueueAndItsPromiseNamesIt() throws SQLException {
        flyway("16.12").migrate();
        engineTables();
        String[] keepPromises = {"kp-german", "kp-no-team", "kp-held", "kp-queued"};
        for (String id : keepPromises) {
            execute("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_) VALUES ('" + id + "', 1, '" + id + "')");
        }
        execute("INSERT INTO ACT_RU_TASK (ID_, REV_, PROC_INST_ID_, EXECUTION_ID_, TASK_DEF_KEY_, ASSIGNEE_,"
                + " SUSPENSION_STATE_) VALUES ('t1', 1, 'kp-german', 'kp-german', 'Task_CallCustomerAgain', NULL, 1),"
                + " ('t2', 1, 'kp-no-team', 'kp-no-team', 'Task_CallCustomerBack', NULL, 1),"
                + " ('t3', 1, 'kp-held', 'kp-held', 'Task_CallCustomerBack', 'anna', 1),"
                + " ('t4', 1, 'kp-queued', 'kp-queued', 'Task_CallCustomerBack', NULL, 1)");
        execute("INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_) VALUES"
                + " ('l4', 1, 'agents-en', 'candidate', 't4')");
        execute("INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_)"
                + " VALUES ('a1', 1, 1, 'agents-de', 7, 't1', 64)");
        for (int i = 0; i < keepPromises.length; i++) {
            execute("INSERT INTO ACT_RU_VARIABLE (ID_, REV_, TYPE_, NAME_, EXECUTION_ID_, PROC_INST_ID_, VAR_SCOPE_,"
                    + " LONG_) VALUES ('p" + i + "', 1, 'long', 'promiseId', '" + keepPromises[i] + "', '"
                    + keepPromises[i] + "', '" + keepPromises[i] + "', " + (i + 1) + ")");
            promise(i + 1, keepPromises[i], "OPEN");
        }
        execute("INSERT INTO ACT_RU_VARIABLE (ID_, REV_, TYPE_, NAME_, EXECUTION_ID_, PROC_INST_ID_, VAR_SCOPE_, TEXT_)"
                + " VALUES ('team1', 1, 'string', 'team', 'kp-german', 'kp-german', 'kp-german', 'agents-de'),"
                + " ('team3', 1, 'string', 'team', 'kp-held', 'kp-held', 'kp-held', 'agents-en'),"
                + " ('team4', 1, 'string', 'team', 'kp-queued', 'kp-queued', 'kp-queued', 'agents-en')");
        execute("UPDATE ft_promise SET handed_to = 'olivia' WHERE id = 1");

        flyway(null).migrate();

        assertThat(offeredTo("t1")).as("the case team's queue").isEqualTo("agents-de READ,TASK_WORK,READ_VARIABLE");
        assertThat(offeredTo("t2")).as("a case of no team: the supervisors'").isEqualTo("supervisors READ,TASK_WORK");
        assertThat(offeredTo("t3")).as("Anna holds it").isEmpty();
        assertThat(offeredTo("t4")).as("in a queue already: nothing added").isEqualTo("agents-en -");
        assertThat(holder(1)).isEqualTo("null agents-de");
        assertThat(holder(2)).isEqualTo("null supervisors");
        assertThat(holder(3)).isEqualTo("null null");
        assertThat(holder(4)).as("in a queue already: left to V16_12, which ran before").isEqualTo("null null");
    }

    /** The candidate groups of a task, each with its grant on the task ("-" for none). */
    private String offeredTo(String taskId) throws SQLException {
        List<String> groups = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT l.GROUP_ID_, a.PERMS_ FROM ACT_RU_IDENTITYLINK l"
                     + " LEFT JOIN ACT_RU_AUTHORIZATION a ON a.GROUP_ID_ = l.GROUP_ID_ AND a.RESOURCE_ID_ = l.TASK_ID_"
                     + " AND a.RESOURCE_TYPE_ = 7 AND a.TYPE_ = 1"
                     + " WHERE l.TASK_ID_ = '" + taskId + "' AND l.TYPE_ = 'candidate' ORDER BY l.GROUP_ID_")) {
            while (rows.next()) {
                int perms = rows.getInt(2);
                boolean none = rows.wasNull();
                groups.add(rows.getString(1) + " " + (none ? "-" : Stream.of(TaskPermissions.values())
                        .filter(p -> p.getValue() != 0 && p.getValue() != Integer.MAX_VALUE
                                && (perms & p.getValue()) == p.getValue())
                        .map(TaskPermissions::getName).collect(Collectors.joining(","))));
            }
        }
        return String.join("; ", groups);
    }

    private String holder(long id) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT handed_to, handed_to_team FROM ft_promise WHERE id = " + id)) {
            row.next();
            return row.getString("handed_to") + " " + row.getString("handed_to_team");
        }
    }

    private static String step(String id, String processInstanceId, String activityId, String at) {
        return " ('" + id + "', 'SupportCase:1:1', '" + processInstanceId + "', '" + processInstanceId + "', '"
                + activityId + "', 'intermediateMessageCatch', '" + at + "', '" + at + "', 1, 2)";
    }

    private void caseFact(String id, String outcome, String resolvedAt) throws SQLException {
        execute("INSERT INTO ft_case_fact (process_instance_id, case_reference, process_definition_id,"
                + " process_definition_version, opened_at, closed_at, resolved_at, stage, outcome) VALUES ('" + id
                + "', '" + id + "', 'SupportCase:1:1', 1, TIMESTAMP WITH TIME ZONE '2026-11-23 09:00:00+01',"
                + " TIMESTAMP WITH TIME ZONE '2026-12-02 16:00:00+01', "
                + (resolvedAt == null ? "NULL" : "TIMESTAMP WITH TIME ZONE '" + resolvedAt + "'")
                + ", 'closed', '" + outcome + "')");
    }

    /** "No answer from the customer" ended the case's work on 25 November, in the JVM's zone as the engine writes. */
    private static String noAnswer(String id, String processInstanceId) {
        return " ('" + id + "', 'SupportCase:1:1', '" + processInstanceId + "', '" + processInstanceId
                + "', 'Event_NoAnswerFromCustomer', 'boundaryEscalation', '2026-11-25 16:00:00', '2026-11-25 16:00:00',"
                + " 1, 1)";
    }

    private String outcome(String processInstanceId) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT outcome FROM ft_case_fact WHERE process_instance_id = '"
                     + processInstanceId + "'")) {
            row.next();
            return row.getString(1);
        }
    }

    private String fact(String processInstanceId) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT * FROM ft_case_fact WHERE process_instance_id = '"
                     + processInstanceId + "'")) {
            assertThat(row.next()).as("a case fact of %s", processInstanceId).isTrue();
            return row.getString("case_reference") + " " + row.getString("process_definition_id")
                    + " v" + row.getInt("process_definition_version") + " " + row.getString("customer_name") + " "
                    + row.getString("plan") + " " + row.getString("language") + " " + row.getString("owner")
                    + " opened " + instant(row, "opened_at") + " closed " + instant(row, "closed_at") + " "
                    + row.getObject("duration_minutes") + " responded " + instant(row, "first_responded_at") + " "
                    + row.getObject("first_response_minutes") + " resolved " + instant(row, "resolved_at") + " "
                    + row.getObject("resolution_minutes") + " stage " + row.getString("stage")
                    + " outcome " + row.getString("outcome") + " promises " + row.getInt("promises_made")
                    + " supervisors " + row.getInt("supervisor_escalations")
                    + " specialists " + row.getInt("specialist_escalations");
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
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

    private void promiseOf(long id, String reference, String status, String dueAt, String brokenAt)
            throws SQLException {
        execute("INSERT INTO ft_promise (id, case_reference, made_by, made_at, due_at, next_actions, callback_number,"
                + " status, broken_at, broken_holder) VALUES (" + id + ", '" + reference + "', 'anna',"
                + " TIMESTAMP WITH TIME ZONE '2026-12-02 09:30:00+01', TIMESTAMP WITH TIME ZONE '" + dueAt + "',"
                + " 'Call back', '+1 555 0100', '" + status + "', "
                + (brokenAt == null ? "NULL, NULL" : "TIMESTAMP WITH TIME ZONE '" + brokenAt + "', 'anna'") + ")");
    }

    private String cancelledPromiseRow(long id) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT * FROM ft_promise WHERE id = " + id)) {
            row.next();
            return row.getString("status") + " " + instant(row, "cancelled_at") + " " + instant(row, "broken_at")
                    + " " + row.getString("broken_holder");
        }
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
