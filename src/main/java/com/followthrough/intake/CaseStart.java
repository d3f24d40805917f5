package com.followthrough.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.followthrough.FieldChecks;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Language;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Priority;

/**
 * The start variables every way of opening a case shares (start form, intake API, /engine-rest, tests),
 * and the checks they must pass before a case is opened.
 */
public final class CaseStart {

    /*
     * One rule for every way of opening a case: the start form's maxLength (forms/start-case.form), which the forms
     * that show a value again share (callbackNumber, problemInCustomersWords), so that no form refuses what the case
     * holds. An email address SMTP delivers is at most 254 characters (RFC 5321); the engine stores a text variable of
     * at most 4000. IntakeLimitsTest reads the forms and holds these to them.
     */
    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_PHONE = 40;
    static final int MAX_SUBJECT = 200;
    static final int MAX_DESCRIPTION = 4000;

    /**
     * No space of any kind (Java's {@code \s} is ASCII only: a no-break space pasted from a signature passed) and no
     * invisible format character such as a zero-width space: no mail reaches such an address.
     */
    private static final Pattern EMAIL =
            Pattern.compile("^[^@\\s\\p{Z}\\p{Cf}]+@[^@\\s\\p{Z}\\p{Cf}]+\\.[^@\\s\\p{Z}\\p{Cf}]+$");

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
        required(variables, CaseVariable.CUSTOMER_NAME, MAX_NAME, false, problems);
        String email = CaseVariable.CUSTOMER_EMAIL.text(variables);
        String emailName = CaseVariable.CUSTOMER_EMAIL.name();
        Optional<String> unfitEmail = FieldChecks.notPlainText(raw(variables, CaseVariable.CUSTOMER_EMAIL), false);
        if (unfitEmail.isPresent() && !email.isEmpty()) {
            problems.add(new Problem(emailName, unfitEmail.get()));
        } else if (email.isBlank()) {
            problems.add(new Problem(emailName, "is required"));
        } else if (!EMAIL.matcher(email).matches()) {
            problems.add(new Problem(emailName, "is not an email address"));
        } else {
            FieldChecks.tooLong(email, MAX_EMAIL).ifPresent(message -> problems.add(new Problem(emailName, message)));
        }
        required(variables, CaseVariable.CUSTOMER_PHONE, MAX_PHONE, false, problems);
        oneOf(variables, CaseVariable.PLAN, Plan.IDS, problems);
        oneOf(variables, CaseVariable.LANGUAGE, Language.IDS, problems);
        oneOf(variables, CaseVariable.CHANNEL, Channel.IDS, problems);
        oneOf(variables, CaseVariable.PRIORITY, Priority.IDS, problems);
        required(variables, CaseVariable.SUBJECT, MAX_SUBJECT, false, problems);
        required(variables, CaseVariable.DESCRIPTION, MAX_DESCRIPTION, true, problems);
        return problems;
    }

    /** Checked as sent, before trimming, so that no control character hides at either end. */
    private static void required(Map<String, ?> variables, CaseVariable<String> variable, int maxLength,
                                 boolean lineBreaks, List<Problem> problems) {
        String name = variable.name();
        String value = variable.text(variables);
        Optional<String> unfit = FieldChecks.notPlainText(raw(variables, variable), lineBreaks);
        if (value.isEmpty()) {
            problems.add(new Problem(name, "is required"));
        } else if (unfit.isPresent()) {
            problems.add(new Problem(name, unfit.get()));
        } else {
            FieldChecks.tooLong(value, maxLength).ifPresent(message -> problems.add(new Problem(name, message)));
        }
    }

    /** As sent: possibly not text at all, which {@link FieldChecks#notPlainText} names. */
    private static String raw(Map<String, ?> variables, CaseVariable<String> variable) {
        Object value = variables.get(variable.name());
        return value == null ? "" : value.toString();
    }

    private static void oneOf(Map<String, ?> variables, CaseVariable<String> variable, Set<String> allowed,
                              List<Problem> problems) {
        FieldChecks.notOneOf(variable.text(variables), allowed)
                .ifPresent(message -> problems.add(new Problem(variable.name(), message)));
    }
}
