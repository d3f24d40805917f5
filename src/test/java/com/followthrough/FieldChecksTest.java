package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldChecksTest {

    private static final String GRINNING = "\uD83D\uDE00";

    @Test
    void aClippedTextNeverEndsInHalfACharacter() {
        assertThat(FieldChecks.clipped("abc" + GRINNING, 4)).isEqualTo("abc");
        assertThat(FieldChecks.clipped("abc" + GRINNING, 5)).isEqualTo("abc" + GRINNING);
        assertThat(FieldChecks.clipped("ab" + GRINNING + "c", 4)).isEqualTo("ab" + GRINNING);
        assertThat(FieldChecks.clipped("abcdef", 4)).isEqualTo("abcd");
        assertThat(FieldChecks.clipped("abc", 4)).isEqualTo("abc");
        for (int max = 1; max <= 12; max++) {
            assertThat(FieldChecks.notPlainText(FieldChecks.clipped((GRINNING + "x").repeat(4), max), false))
                    .as("clipped to %d", max).isEmpty();
        }
    }
}
