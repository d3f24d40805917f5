package com.followthrough.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What one engine command sets on a case's ft_case_fact row becomes one UPDATE that ends as the single ones did, or
 * for a case opened in that command one INSERT.
 */
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
    void aCaseOpenedInTheCommandIsOneInsertWithWhatTheCommandSetBeforeAndAfter() {
        CaseFactRecorder.RowChanges changes = CaseFactRecorder.RowChanges.of("plan = :value", "premium");
        Map<String, Object> opening = new LinkedHashMap<>();
        opening.put("case_reference", null);
        opening.put("stage", "opened");
        changes.open(opening);
        changes.add("case_reference = :value", "SC-2026-000042");
        changes.add("supervisor_escalations = supervisor_escalations + 1", null);

        assertThat(changes.opens()).isTrue();
        assertThat(changes.insertColumns()).isEqualTo("plan, case_reference, stage, supervisor_escalations");
        assertThat(changes.insertValues()).isEqualTo(":v0, :v3, :v2, 1");
        assertThat(changes.values()).containsExactly("premium", null, "opened", "SC-2026-000042");
    }

    @Test
    void theOpeningLeavesAColumnTheCommandSetBeforeIt() {
        CaseFactRecorder.RowChanges changes = CaseFactRecorder.RowChanges.of("case_reference = :value", "SC-2026-000042");
        changes.open(Map.of("case_reference", "business key"));

        assertThat(changes.insertColumns()).isEqualTo("case_reference");
        assertThat(changes.insertValues()).isEqualTo(":v0");
        assertThat(changes.values()).containsExactly("SC-2026-000042");
    }

    @Test
    void rowsNotOpenedInTheCommandAreUpdated() {
        assertThat(CaseFactRecorder.RowChanges.of("stage = :value", "listening").opens()).isFalse();
    }

    @Test
    void anythingButAColumnAssignmentIsRefused() {
        assertThatThrownBy(() -> CaseFactRecorder.RowChanges.of("stage", "closed"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
