package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What one engine command sets on a case's ft_case_fact row becomes one UPDATE that ends as the single ones did. */
class CaseFactRowChangesTest {

    @Test
    void columnsSetInOneCommandGoIntoOneUpdate() {
        CaseFactRecorder.RowChanges changes = CaseFactRecorder.RowChanges.of("language = :value", "de");
        changes.add("plan = :value", "premium");

        assertThat(changes.assignments()).isEqualTo("language = :v0, plan = :v1");
        assertThat(changes.values()).containsExactly("de", "premium");
    }

    @Test
    void aColumnSetTwiceKeepsItsLastValue() {
        CaseFactRecorder.RowChanges changes = CaseFactRecorder.RowChanges.of("stage = :value", "listening");
        changes.add("stage = :value", "diagnosing");

        assertThat(changes.assignments()).isEqualTo("stage = :v1");
        assertThat(changes.values().get(1)).isEqualTo("diagnosing");
    }

    @Test
    void aCounterCountedUpTwiceGoesUpByTwo() {
        CaseFactRecorder.RowChanges changes = CaseFactRecorder.RowChanges.of("promises_made = promises_made + 1", null);
        changes.add("reimbursement_offered = TRUE", null);
        changes.add("promises_made = promises_made + 1", null);

        assertThat(changes.assignments()).isEqualTo("reimbursement_offered = TRUE, promises_made = promises_made + 2");
        assertThat(changes.values()).isEmpty();
    }

    @Test
    void anythingButAColumnAssignmentIsRefused() {
        assertThatThrownBy(() -> CaseFactRecorder.RowChanges.of("stage", "closed"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
