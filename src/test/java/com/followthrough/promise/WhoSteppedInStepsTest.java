package com.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.followthrough.vocabulary.FreshNotes;

/**
 * The steps where someone steps in ({@link WhatSupervisorsDid#NOTE_BY_STEP}) each ask their note afresh: otherwise
 * the form opens with the previous person's note, which a submission passes on and "Who stepped in" logs again under
 * this person, and the earlier note the log keeps is not read from before the step ({@link FreshNotes#caseHadBefore}).
 */
class WhoSteppedInStepsTest {

    @Test
    void everyStepWhereSomeoneStepsInAsksItsNoteAfresh() {
        assertThat(WhatSupervisorsDid.NOTE_BY_STEP).isNotEmpty().allSatisfy((step, note) -> assertThat(
                FreshNotes.BY_STEP.get(step)).as(step).isNotNull().contains(note.name()));
    }
}
