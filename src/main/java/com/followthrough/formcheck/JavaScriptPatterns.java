package com.followthrough.formcheck;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A form's validation pattern read as form-js reads it in Tasklist: {@code new RegExp(pattern).test(value)}, a
 * JavaScript regular expression without flags. Java reads the same text otherwise in a few places, each of which let
 * the server take a value that Tasklist refuses: {@code \s} is every Unicode space to JavaScript (the no-break space
 * of an address pasted from a signature, U+FEFF, U+3000, the line separators), and only ASCII white space to Java;
 * {@code $} is the end of the text, where Java also takes the end before a last line break; {@code .} takes U+0085,
 * which Java counts as a line end. Inside a character class, {@code [} and {@code &} are plain characters to
 * JavaScript and start a nested class or an intersection in Java. Everything else is left as it is written.
 */
final class JavaScriptPatterns {

    /** JavaScript's white space and line terminators: what its {@code \s} matches. */
    private static final String SPACES = "\\t\\n\\x0B\\f\\r\\x20\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F"
            + "\\u205F\\u3000\\uFEFF";
    private static final String SPACE = "[" + SPACES + "]";
    private static final String NOT_SPACE = "[^" + SPACES + "]";
    /** What JavaScript's {@code .} matches without the {@code s} flag: anything but its four line terminators. */
    private static final String ANY_BUT_LINE_END = "[^\\n\\r\\u2028\\u2029]";

    private JavaScriptPatterns() {
    }

    /** The pattern as a Java {@link Pattern} that accepts what the JavaScript one accepts. */
    static Pattern compile(String pattern) throws PatternSyntaxException {
        return Pattern.compile(toJava(pattern));
    }

    static String toJava(String pattern) {
        StringBuilder java = new StringBuilder(pattern.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                char escaped = pattern.charAt(++i);
                // Inside a class, Java reads a nested class as a union: [^\s@] stays "neither a space nor @".
                java.append(escaped == 's' ? SPACE : escaped == 'S' ? NOT_SPACE : "\\" + escaped);
            } else if (inClass) {
                inClass = c != ']';
                java.append(c == '[' || c == '&' ? "\\" + c : String.valueOf(c));
            } else if (c == '[') {
                inClass = true;
                java.append(c);
                // A ']' right after '[' or '[^' is a character to Java: keep the class open for it as Java reads it.
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                    java.append(pattern.charAt(++i));
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    java.append(pattern.charAt(++i));
                }
            } else {
                java.append(c == '$' ? "\\z" : c == '.' ? ANY_BUT_LINE_END : String.valueOf(c));
            }
        }
        return java.toString();
    }
}
