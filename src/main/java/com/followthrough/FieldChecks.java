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

    /**
     * The text cut to at most {@code maxLength} characters (UTF-16 units, as every length here counts), never between
     * the two halves of one character: a half on its own is no text, and {@link #notPlainText} refuses it.
     */
    public static String clipped(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return text.substring(0, end);
    }

    /** The start of a value to show in an error, "…" where it is cut: a refusal names the value, not echoes it. */
    public static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : clipped(text, EXCERPT) + "…";
    }

    private static final int EXCERPT = 60;

    /**
     * What makes a text unfit to store and show, or nothing when it is plain text: a lone surrogate (no character at
     * all), a control character such as NUL or ESC (line breaks and tabs only where {@code lineBreaks} allows them),
     * or nothing a person can see (only spaces of any kind, zero-width or filler characters).
     */
    public static Optional<String> notPlainText(String value, boolean lineBreaks) {
        boolean visible = false;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (Character.isSurrogate(value.charAt(i)) && !Character.isSupplementaryCodePoint(c)) {
                return Optional.of("contains a lone surrogate (U+" + hex(c) + ") at position " + i + ": not valid text");
            }
            if (Character.getType(c) == Character.CONTROL && !(lineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
                return Optional.of("contains the control character U+" + hex(c) + " at position " + i);
            }
            visible |= isVisible(c);
            i += Character.charCount(c);
        }
        return visible || value.isEmpty() ? Optional.empty()
                : Optional.of("must contain visible text, not only spaces or invisible characters");
    }

    /** Whether some character of the text is one a person can see. */
    public static boolean hasVisibleText(String value) {
        return value.codePoints().anyMatch(FieldChecks::isVisible);
    }

    private static boolean isVisible(int c) {
        int type = Character.getType(c);
        return !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !INVISIBLE_LETTERS.contains(c)
                && type != Character.CONTROL && type != Character.FORMAT && type != Character.NON_SPACING_MARK
                && type != Character.ENCLOSING_MARK && type != Character.UNASSIGNED && type != Character.SURROGATE
                && type != Character.PRIVATE_USE;
    }

    /** Letters by Unicode's categories that show as nothing: Hangul fillers, the blank Braille pattern. */
    private static final Set<Integer> INVISIBLE_LETTERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E);

    private static String hex(int c) {
        return String.format("%04X", c);
    }

    /** "must be one of [de, en], not 'fr'", or nothing when the value is allowed. */
    public static Optional<String> notOneOf(String value, Set<String> allowed) {
        return allowed.contains(value) ? Optional.empty()
                : Optional.of("must be one of " + allowed.stream().sorted().toList()
                        + (value.isBlank() ? "" : ", not '" + excerpt(value) + "'"));
    }
}
