package com.followthrough;

import java.util.Optional;
import java.util.Set;

/** The checks on a text field that every way in shares, worded once, so every field error reads the same. */
public final class FieldChecks {

    private FieldChecks() {
    }

    /** "must be at most 200 characters, not 231", or nothing when the text fits. */
    public static Optional<String> tooLong(String value, int maxLength) {
        return value.length() > maxLength
                ? Optional.of("must be at most " + maxLength + " characters, not " + value.length())
                : Optional.empty();
    }

    /** "must be one of [de, en], not 'fr'", or nothing when the value is allowed. */
    public static Optional<String> notOneOf(String value, Set<String> allowed) {
        return allowed.contains(value) ? Optional.empty()
                : Optional.of("must be one of " + allowed.stream().sorted().toList()
                        + (value.isBlank() ? "" : ", not '" + value + "'"));
    }
}
