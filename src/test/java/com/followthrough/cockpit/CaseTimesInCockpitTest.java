package com.followthrough.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AppHttp;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.process.CaseDriver;
import com.followthrough.promise.Promises;

/**
 * An analyst whose computer is not in the support team's zone reads a case's times in "Closed cases" and its history
 * on the day the insights count it on: the filter's dates are the team's (Europe/Berlin), so a case opened and closed
 * at 23:30 there is a case of that day, not of the next one, as a browser in Tokyo would write it.
 */
@FollowThroughSpringTest
class CaseTimesInCockpitTest {

    private static final ZoneId TEAM = ZoneId.of("Europe/Berlin");

    @RegisterExtension
    static CockpitBrowser cockpit = new CockpitBrowser(ZoneId.of("Asia/Tokyo"));

    @Autowired ProcessEngine engine;
    @Autowired CaseInbox inbox;
    @Autowired CustomerMessages messages;
    @Autowired Promises promises;

    private final ObjectMapper json = new ObjectMapper();
    private final AppHttp http;

    CaseTimesInCockpitTest(@LocalServerPort int port) {
        this.http = new AppHttp(port);
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void aCaseClosedAt2330InTheTeamsZoneShowsOnTheDayTheInsightsCountItOn() throws Exception {
        LocalDate day = LocalDate.now(TEAM).minusDays(3);
        ZonedDateTime lateEvening = day.atTime(LocalTime.of(23, 30)).atZone(TEAM);
        ClockUtil.setCurrentTime(Date.from(lateEvening.toInstant()));
        Map<String, Object> variables = new HashMap<>(CaseDriver.caseFromJane());
        variables.put("customerName", "Yuki Tanaka");
        CaseDriver late = CaseDriver.open(engine, inbox, messages, promises, variables).solveAtFirstContactAndClose();
        ClockUtil.reset();

        JsonNode thatDay = json.readTree(http.get("/api/insights/cases?state=closed&from=" + day + "&to=" + day,
                "alex:alex").body());
        assertThat(thatDay.findValuesAsText("reference")).as("the case counts on %s, the team's day", day)
                .contains(late.reference);

        String shown = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a", Locale.US).format(lateEvening);
        cockpit.logInAs("alex").openProcessDefinition(late.instance.getProcessDefinitionId()).openClosedCases();
        while (!cockpit.closedCaseReferences().contains(late.reference)) {
            assertThat(cockpit.nextClosedCases()).as("case %s on a later page", late.reference).isTrue();
        }
        assertThat(cockpit.closedCaseRow(late.reference).stream().map(CaseTimesInCockpitTest::spaced)).as("opened and closed, in the team's zone")
                .containsSubsequence(shown, shown);
        assertThat(cockpit.closedCasesCaption()).as("the caption names the zone").contains(TEAM.getId());
        assertThat(thatDay.get("timeZone")).as("the list names the zone its days are counted in").hasToString(
                '"' + TEAM.getId() + '"');
        cockpit.screenshot("closed-cases-in-the-teams-zone");

        cockpit.openCaseHistory(late.reference);
        Map<String, String> summary = cockpit.caseSummary();
        assertThat(spaced(summary.get("Opened"))).isEqualTo(shown);
        assertThat(spaced(summary.get("Closed"))).isEqualTo(shown);
        cockpit.screenshot("case-history-in-the-teams-zone");
    }

    /** Chromium writes a narrow no-break space before AM and PM. */
    private static String spaced(String text) {
        return text == null ? null : text.replace('\u202f', ' ');
    }
}
