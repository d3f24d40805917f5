package com.followthrough;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;

import org.springframework.util.unit.DataSize;

/**
 * The checks our settings records run in their constructors, so that a bad setting still stops the start (Spring
 * Boot reports the property that failed to bind) without Bean Validation: validating the settings with it built a
 * second validator factory and the records' constraint metadata on every start, about 140 classes and 0.2 s of the
 * main thread's CPU that the stock starter does not spend (docs/benchmarks.md, "Start-up").
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    public static int atLeast(String property, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(property + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    public static String notBlank(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " must be set (not blank)");
        }
        return value;
    }

    public static BigDecimal notNegative(String property, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException(property + " must be 0 or more, was " + value);
        }
        return value;
    }

    /** Strictly between the two bounds. */
    public static double between(String property, double value, double above, double below) {
        if (!(value > above && value < below)) {
            throw new IllegalArgumentException(property + " must be more than " + above + " and less than " + below
                    + ", was " + value);
        }
        return value;
    }

    /** More than zero: a window, a wait or an interval of no length would fire at once, or never stop firing. */
    public static Duration positive(String property, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(property + " must be longer than zero, was " + value);
        }
        return value;
    }

    public static Period positive(String property, Period value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(property + " must be longer than zero, was " + value);
        }
        return value;
    }

    public static DataSize positive(String property, DataSize value) {
        if (value != null && value.toBytes() <= 0) {
            throw new IllegalArgumentException(property + " must be more than zero, was " + value);
        }
        return value;
    }

    public static Duration notNegative(String property, Duration value) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(property + " must be zero or more, was " + value);
        }
        return value;
    }

    public static Period notNegative(String property, Period value) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(property + " must be zero or more, was " + value);
        }
        return value;
    }

    /** {@code value} longer than {@code other}, or as long when {@code orEqual}. */
    public static Duration longerThan(String property, Duration value, String otherProperty, Duration other,
                                      boolean orEqual) {
        int comparison = value.compareTo(other);
        if (comparison < 0 || (comparison == 0 && !orEqual)) {
            throw new IllegalArgumentException(property + " (" + value + ") must be longer than "
                    + (orEqual ? "or as long as " : "") + otherProperty + " (" + other + ")");
        }
        return value;
    }
}
