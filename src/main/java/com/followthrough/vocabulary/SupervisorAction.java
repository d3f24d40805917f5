package com.followthrough.vocabulary;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one step where someone stepped in did on a case: the step ("Keep the promise at risk", "Get the specialist's
 * advice to the owner now"), who completed it, when, and their note ({@link CaseVariable#SUPERVISOR_ACTION} of a
 * supervisors' step, {@link CaseVariable#CHASE_NOTE} of a supervisors' or administrators' chase). The case keeps
 * every one, oldest first, in {@link CaseVariable#SUPERVISOR_ACTIONS}, one line each, so a later step's note does not
 * replace an earlier one in what the owner reads. A step before that log was kept has no time, person or step
 * ({@link #earlier}).
 */
public record SupervisorAction(Instant at, String by, String step, String note) {

    /** The log fits a text variable: the engine stores strings of up to 4000 characters. */
    static final int MAX_LOG = 3800;
    private static final String SEPARATOR = "\t";

    /** A note the case had before it kept a log: no step, person or time known. */
    public static SupervisorAction earlier(String note) {
        return new SupervisorAction(null, "", "", note);
    }

    /** The actions of a log, oldest first; none for an empty or missing log. */
    public static List<SupervisorAction> of(String log) {
        List<SupervisorAction> actions = new ArrayList<>();
        for (String line : log == null ? new String[0] : log.split("\n")) {
            String[] parts = line.split(SEPARATOR, 4);
            if (parts.length == 4) {
                actions.add(new SupervisorAction(instant(parts[0]), parts[1], parts[2], parts[3]));
            }
        }
        return actions;
    }

    /**
     * The log with this action after the others. Each on one line, its note too (line breaks become spaces); the
     * oldest are left out when the log would be longer than {@link #MAX_LOG}, and one note longer than that clipped.
     */
    public String after(String log) {
        List<String> lines = new ArrayList<>(log == null || log.isBlank() ? List.of() : List.of(log.split("\n")));
        String line = String.join(SEPARATOR, at == null ? "" : at.toString(), oneLine(by), oneLine(step),
                oneLine(note));
        lines.add(line.length() <= MAX_LOG ? line : line.substring(0, MAX_LOG - 1) + "…");
        while (lines.size() > 1 && String.join("\n", lines).length() > MAX_LOG) {
            lines.remove(0);
        }
        return String.join("\n", lines);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
