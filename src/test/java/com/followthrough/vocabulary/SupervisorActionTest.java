package com.followthrough.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What the case keeps of each supervisor's step: all of them in order, within what a text variable holds. */
class SupervisorActionTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void eachStepIsKeptAfterTheEarlierOnesWithItsStepPersonAndTime() {
        String log = new SupervisorAction(MONDAY, "maria", "Keep the promise at risk", "Reached Jane:\n\tVisa 4242")
                .after("");
        log = new SupervisorAction(MONDAY.plusSeconds(60), "demo", "Keep the promise at risk", "Calling now")
                .after(log);

        assertThat(SupervisorAction.of(log)).containsExactly(
                new SupervisorAction(MONDAY, "maria", "Keep the promise at risk", "Reached Jane: Visa 4242"),
                new SupervisorAction(MONDAY.plusSeconds(60), "demo", "Keep the promise at risk", "Calling now"));
    }

    @Test
    void aNoteFromBeforeTheLogHasNoStepPersonOrTime() {
        String log = SupervisorAction.earlier("Told them the owner calls today").after(null);

        assertThat(SupervisorAction.of(log)).containsExactly(new SupervisorAction(null, "", "",
                "Told them the owner calls today"));
        assertThat(SupervisorAction.of(null)).isEmpty();
    }

    @Test
    void theOldestAreLeftOutWhenTheLogWouldNotFitATextVariable() {
        String log = "";
        for (int step = 0; step < 6; step++) {
            log = new SupervisorAction(MONDAY, "maria", "Step " + step, "x".repeat(1000)).after(log);
        }

        assertThat(log.length()).isLessThanOrEqualTo(SupervisorAction.MAX_LOG);
        List<SupervisorAction> kept = SupervisorAction.of(log);
        assertThat(kept).extracting(SupervisorAction::step).containsExactly("Step 3", "Step 4", "Step 5");
        String huge = new SupervisorAction(MONDAY, "maria", "Step", "y".repeat(5000)).after(log);
        assertThat(huge.length()).isLessThanOrEqualTo(SupervisorAction.MAX_LOG);
        assertThat(SupervisorAction.of(huge)).singleElement().extracting(SupervisorAction::note).asString()
                .startsWith("yyy").endsWith("…");
    }
}
