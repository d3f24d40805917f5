package com.followthrough.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import com.followthrough.demo.DemoStory.ForTheSupervisor;

/** The stories the demo history plays, decided before any is played. */
class DemoStoriesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static DemoStory promiseAtRiskFor(Instant until) {
        return new DemoStories(20261123L, until, 6).draw(40).stream()
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
}
