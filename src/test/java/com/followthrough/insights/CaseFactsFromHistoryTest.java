package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * The case facts rebuilt from the engine's history (migration V16_6) are the facts the history event handler wrote:
 * cases driven through the real process on Tuesday 7 March 2034, a day no other test uses, their rows taken away as a
 * database from before V6 never had them, and rebuilt.
 */
@FollowThroughSpringTest
class CaseFactsFromHistoryTest {

    static final String DAY = "2034-03-07";

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theRebuiltFactsAreTheFactsTheHandlerWrote() throws Exception {
        CaseDriver solved = openAt("09:00").solveAtFirstContactAndClose();
        CaseDriver reopened = openAt("09:10").listen("anna", Map.of()).diagnose("solved", "company")
                .resolve("company", 0).timeIs(at("10:00")).customerReopens();
        CaseDriver promised = openAt("09:20").listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(2));
        CaseDriver atRisk = openAt("09:30").listen("anna", Map.of()).diagnose("answerKnown", "company")
                .promiseCallbackIn(Duration.ofHours(1));
        atRisk.timeIs(atRisk.timerDueDate("Event_CallbackDue")).timerFires("Event_CallbackDue");
        CaseDriver reimbursedTwice = openAt("09:40").listen("anna", Map.of()).diagnose("solved", "company")
                .resolve("company", 15.0).arrangeReimbursement("Task_ArrangeReimbursement", "anna")
                .customerReopens().diagnose("solved", "company").resolve("company", 40.0)
                .arrangeReimbursement("Task_ArrangeReimbursement", "anna")
                .customerReopens().diagnose("solved", "company").resolve("company", 40.0);
        // Cancelled as Cockpit cancels a case: externally, with no reason (the engine's REST API takes none).
        CaseDriver cancelled = openAt("09:50");
        engine.getRuntimeService().deleteProcessInstance(cancelled.instance.getId(), null, false, true);
        List<String> cases = List.of(solved.reference, reopened.reference, promised.reference, atRisk.reference,
                reimbursedTwice.reference, cancelled.reference);
        Map<String, Map<String, Object>> written = facts(cases);
        assertThat(written).hasSize(6);
        assertThat(written.get(cancelled.reference).get("OUTCOME")).isEqualTo("cancelled");
        assertThat(((Number) written.get(reimbursedTwice.reference).get("REIMBURSEMENT_AMOUNT")).doubleValue())
                .as("offered 15, then 25 more, then nothing more").isEqualTo(40.0);
        assertThat(written.get(atRisk.reference).get("SUPERVISOR_ESCALATIONS")).as("a case with something to rebuild")
                .isEqualTo(1);
        jdbc.sql("DELETE FROM ft_case_fact WHERE case_reference IN (:cases)").param("cases", cases).update();

        try (Connection connection = dataSource.getConnection()) {
            assertThat(CaseFactsFromHistory.backfill(connection)).isEqualTo(6);
        }

        assertThat(facts(cases)).isEqualTo(written);
        ClockUtil.setCurrentTime(at("12:00"));
        promised.callBack("Task_CallCustomerBack", "reachedNotSolved");
        assertThat(facts(List.of(promised.reference)).get(promised.reference).get("STAGE"))
                .as("a case still open goes on from its rebuilt row").isEqualTo("diagnosing");
    }

    private CaseDriver openAt(String time) {
        ClockUtil.setCurrentTime(at(time));
        return CaseDriver.open(engine, inbox, messages, promises, new HashMap<>(CaseDriver.caseFromJane()));
    }

    private static Date at(String time) {
        return Date.from(CaseDriver.berlin(DAY + "T" + time));
    }

    private Map<String, Map<String, Object>> facts(List<String> cases) {
        Map<String, Map<String, Object>> facts = new HashMap<>();
        jdbc.sql("SELECT * FROM ft_case_fact WHERE case_reference IN (:cases)").param("cases", cases)
                .query().listOfRows().forEach(row -> facts.put((String) row.get("CASE_REFERENCE"), row));
        return facts;
    }
}
