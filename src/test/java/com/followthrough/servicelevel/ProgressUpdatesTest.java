package com.followthrough.servicelevel;

import static com.followthrough.servicelevel.BusinessCalendarTest.STANDARD;
import static com.followthrough.servicelevel.BusinessCalendarTest.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When the customer is owed a progress update: one update interval of working time after the last message. */
class ProgressUpdatesTest {

    static final String FOUR_HOURS = "PT4H";

    @Test
    void customerWhoHeardFromUsWithinTheIntervalIsNotDueAndTheNextUpdateIsOneIntervalAfterThatMessage() {
        Optional<Instant> lastMessage = Optional.of(berlin("2026-11-23T11:00"));
        Instant now = berlin("2026-11-23T13:00");

        assertThat(ProgressUpdates.isDue(lastMessage, now, STANDARD, FOUR_HOURS)).isFalse();
        assertThat(ProgressUpdates.nextDue(lastMessage, now, STANDARD, FOUR_HOURS)).isEqualTo(berlin("2026-11-23T15:00"));
    }

    @Test
    void customerWhoHeardNothingForTheIntervalIsDueAndTheNextUpdateIsOneIntervalFromNow() {
        Optional<Instant> lastMessage = Optional.of(berlin("2026-11-20T14:00"));
        Instant now = berlin("2026-11-23T10:00");

        assertThat(ProgressUpdates.isDue(lastMessage, now, STANDARD, FOUR_HOURS)).as("3 hours on Friday, 1 on Monday").isTrue();
        assertThat(ProgressUpdates.nextDue(lastMessage, now, STANDARD, FOUR_HOURS)).isEqualTo(berlin("2026-11-23T14:00"));
    }

    @Test
    void anUpdateThatWentOutSecondsAfterItsTimerDoesNotPostponeTheNextOne() {
        Optional<Instant> updateSentByTheJobExecutor = Optional.of(berlin("2026-11-23T10:00").plusSeconds(3));

        assertThat(ProgressUpdates.isDue(updateSentByTheJobExecutor, berlin("2026-11-23T14:00"), STANDARD, FOUR_HOURS)).isTrue();
        assertThat(ProgressUpdates.isDue(updateSentByTheJobExecutor, berlin("2026-11-23T13:59"), STANDARD, FOUR_HOURS)).isFalse();
    }

    @Test
    void workThatStartsAfterALongFirstConversationIsUpdatedOneIntervalLaterNotAtOnce() {
        Optional<Instant> acknowledgment = Optional.of(berlin("2026-11-23T09:00"));
        Instant ownerFinishedListening = berlin("2026-11-24T10:00");

        assertThat(ProgressUpdates.nextDue(acknowledgment, ownerFinishedListening, STANDARD, FOUR_HOURS))
                .isEqualTo(berlin("2026-11-24T14:00"));
    }

    @Test
    void customerWhoNeverHeardFromUsIsDue() {
        assertThat(ProgressUpdates.isDue(Optional.empty(), berlin("2026-11-23T10:00"), STANDARD, FOUR_HOURS)).isTrue();
    }
}
