package com.followthrough.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.followthrough.CaseVariables;
import com.followthrough.FieldChecks;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Language;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Priority;

/**
 * The start variables every way of opening a case shares (start form, intake API, /engine-rest, tests),
 * and the checks they must pass before a case is opened.
 */
public final class CaseStart {

    static final int MAX_NAME = 200;
    static final int MAX_SUBJECT = 200;
    static final int MAX_DESCRIPTION = 20_000;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** What is wrong with one start variable. */
    public record Problem(String variable, String message) {
        @Override
        public String toString() {
            return variable + " " + message;
        }
    }

    private CaseStart() {
    }

    /** Names every start variable that is missing or invalid; an empty list means the case can be opened. */
    public static List<Problem> problems(Map<String, ?> variables) {
        List<Problem> problems = new ArrayList<>();
        required(variables, "customerName", MAX_NAME, false, problems);
        String email = CaseVariables.text(variables, "customerEmail");
        Optional<String> unfitEmail = FieldChecks.notPlainText(raw(variables, "customerEmail"), false);
        if (unfitEmail.isPresent() && !email.isEmpty()) {
            problems.add(new Problem("customerEmail", unfitEmail.get()));
        } else if (email.isBlank()) {
            problems.add(new Problem("customerEmail", "is required"));
        } else if (!EMAIL.matcher(email).matches() || email.length() > 320) {
            problems.add(new Problem("customerEmail", "is not an email address"));
        }
        required(variables, "customerPhone", 64, false, problems);
        oneOf(variables, "plan", Plan.IDS, problems);
        oneOf(variables, "language", Language.IDS, problems);
        oneOf(variables, "channel", Channel.IDS, problems);
        oneOf(variables, "priority", Priority.IDS, problems);
        required(variables, "subject", MAX_SUBJECT, false, problems);
        required(variables, "description", MAX_DESCRIPTION, true, problems);
        return problems;
    }

    /** Checked as sent, before trimming, so that no control character hides at either end. */
    private static void required(Map<String, ?> variables, String name, int maxLength, boolean lineBreaks,
                                 List<Problem> problems) {
        String value = CaseVariables.text(variables, name);
        Optional<String> unfit = FieldChecks.notPlainText(raw(variables, name), lineBreaks);
        if (value.isEmpty()) {
            problems.add(new Problem(name, "is required"));
        } else if (unfit.isPresent()) {
            problems.add(new Problem(name, unfit.get()));
        } else {
            FieldChecks.tooLong(value, maxLength).ifPresent(message -> problems.add(new Problem(name, message)));
        }
    }

    private static String raw(Map<String, ?> variables, String name) {
        Object value = variables.get(name);
        return value == null ? "" : value.toString();
    }

    private static void oneOf(Map<String, ?> variables, String name, Set<String> allowed, List<Problem> problems) {
        FieldChecks.notOneOf(CaseVariables.text(variables, name), allowed)
                .ifPresent(message -> problems.add(new Problem(name, message)));
    }
}
