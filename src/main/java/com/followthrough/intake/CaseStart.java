package com.followthrough.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.VariableScope;

import com.followthrough.CaseVariables;

/**
 * The start variables every way of opening a case shares (start form, intake API, /engine-rest, tests),
 * and the checks they must pass before a case is opened.
 */
public final class CaseStart {

    public static final Set<String> PLANS = Set.of("standard", "premium", "enterprise");
    public static final Set<String> LANGUAGES = Set.of("en", "de");
    public static final Set<String> CHANNELS = Set.of("phone", "email", "web", "chat");
    public static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private CaseStart() {
    }

    /** Names every start variable that is missing or invalid; an empty list means the case can be opened. */
    public static List<String> problems(VariableScope variables) {
        List<String> problems = new ArrayList<>();
        for (String name : List.of("customerName", "customerPhone", "subject", "description")) {
            if (CaseVariables.text(variables, name).isBlank()) {
                problems.add(name + " is required");
            }
        }
        String email = CaseVariables.text(variables, "customerEmail");
        if (email.isBlank()) {
            problems.add("customerEmail is required");
        } else if (!EMAIL.matcher(email).matches()) {
            problems.add("customerEmail is not an email address");
        }
        oneOf(variables, "plan", PLANS, problems);
        oneOf(variables, "language", LANGUAGES, problems);
        oneOf(variables, "channel", CHANNELS, problems);
        oneOf(variables, "priority", PRIORITIES, problems);
        return problems;
    }

    private static void oneOf(VariableScope variables, String name, Set<String> allowed, List<String> problems) {
        String value = CaseVariables.text(variables, name);
        if (!allowed.contains(value)) {
            problems.add(name + " must be one of " + allowed.stream().sorted().toList()
                    + (value.isBlank() ? "" : ", not '" + value + "'"));
        }
    }
}
