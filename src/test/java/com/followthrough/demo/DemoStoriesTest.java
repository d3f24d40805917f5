package com.followthrough.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.followthrough.demo.DemoStory.ForTheSupervisor;

/** The stories the demo history plays, decided before any is played. */
class DemoStoriesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static DemoStory promiseAtRiskFor(Instant until) {
        return promiseAtRiskFor(until, BERLIN);
    }

    private static DemoStory promiseAtRiskFor(Instant until, ZoneId supportZone) {
        return new DemoStories(20261123L, until, 6, supportZone).draw(40).stream()
                .filter(story -> story.forTheSupervisor() == ForTheSupervisor.PROMISE_AT_RISK).findFirst().orElseThrow();
    }

    @Test
    void thePromiseAtRiskFellDueTwentyMinutesBeforeTheStart() {
        Instant until = ZonedDateTime.of(2026, 12, 4, 14, 0, 0, 0, BERLIN).toInstant();

        assertThat(promiseAtRiskFor(until).callbackAt()).isEqualTo(until.minusSeconds(20 * 60));
    }

    /**
     * The supervisor's work of the start's own day (docs/analysts.md): a start in the first twenty minutes after
     * midnight once left a promise at risk that fell due the evening before (the clean-clone build of 4 December, at
     * 00:17 in Berlin).
     */
    @Test
    void justAfterMidnightThePromiseAtRiskStillFellDueThatDayBeforeTheStart() {
        Instant until = ZonedDateTime.of(2026, 12, 5, 0, 10, 0, 0, BERLIN).toInstant();

        Instant due = promiseAtRiskFor(until).callbackAt();

        assertThat(LocalDate.ofInstant(due, BERLIN)).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(due).isBefore(until);
    }

    /**
     * A team in New York (follow-through.support.time-zone) sees its demo cases opened in its own office hours, as the
     * forms and messages show times in that zone; they used to open in Berlin's, 02:00 to 12:00 in New York.
     */
    @Test
    void inAnotherSupportZoneTheCasesOpenInThatZonesOfficeHours() {
        Instant until = ZonedDateTime.of(2026, 12, 4, 14, 0, 0, 0, NEW_YORK).toInstant();

        List<DemoStory> stories = new DemoStories(20261123L, until, 6, NEW_YORK).draw(40);

        assertThat(stories).extracting(story -> story.openedAt().atZone(NEW_YORK).getHour())
                .allSatisfy(hour -> assertThat(hour).isBetween(8, 17));
    }

    /** "Today" is the support team's: in New York, a start just after midnight there leaves a promise due that day. */
    @Test
    void inAnotherSupportZoneThePromiseAtRiskFellDueOnTheStartsDayThere() {
        Instant until = ZonedDateTime.of(2026, 12, 5, 0, 10, 0, 0, NEW_YORK).toInstant();

        Instant due = promiseAtRiskFor(until, NEW_YORK).callbackAt();

        assertThat(LocalDate.ofInstant(due, NEW_YORK)).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(due).isBefore(until);
    }
}
