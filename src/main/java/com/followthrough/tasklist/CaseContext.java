package com.followthrough.tasklist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;
import com.followthrough.casefile.CaseFile;
import com.followthrough.casefile.CaseFiles;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerTimes;

/**
 * The case as a form shows it above what the step asks: its deadlines, the promises still to keep and the messages
 * so far, as markdown lines with times people read ("Tue 24 Nov, 15:00 CET"). Messages and promises are those of
 * the case file ({@link CaseFiles}), so a form and {@code GET /api/cases/{reference}} tell the same story.
 */
@Component
public class CaseContext {

    /** Each text is a task variable: the engine stores strings of up to 4000 characters. */
    static final int MAX_TEXT = 3800;
    private static final int MAX_QUOTE = 280;

    /** Deadlines of the case and of its steps, in the order a case meets them. */
    private static final List<Deadline> DEADLINES = List.of(
            new Deadline("First response", "firstResponseDueAt", "firstRespondedAt"),
            new Deadline("Callback promised for", "callbackDueAt", null),
            new Deadline("Answer the customer's message", "answerDueAt", null),
            new Deadline("Customer hears from the owner (specialist advising)", "specialistAdviceDueAt", null),
            new Deadline("Resolution", "resolutionDueAt", "resolvedAt"),
            new Deadline("Supervisor's approval", "approvalDueAt", null),
            new Deadline("Last-chance call", "lastChanceDueAt", null));

    private record Deadline(String label, String dueVariable, String doneVariable) {
    }

    /** The case variables the deadlines are read from. */
    public static List<String> deadlineVariables() {
        List<String> names = new ArrayList<>();
        for (Deadline deadline : DEADLINES) {
            names.add(deadline.dueVariable());
            if (deadline.doneVariable() != null) {
                names.add(deadline.doneVariable());
            }
        }
        return names;
    }

    /** The task variables the three texts are written to. */
    static final java.util.List<String> TEXTS = List.of("caseDeadlines", "caseOpenPromises", "caseMessagesSoFar");

    /** The three texts, never empty, so a form can show each under its heading. */
    public record Texts(String deadlines, String openPromises, String messagesSoFar) {

        /** The texts as task variables, leaving out those already there as they are: every change is kept in history. */
        VariableMap changedFrom(Map<String, Object> current) {
            VariableMap variables = Variables.createVariables()
                    .putValue("caseDeadlines", deadlines)
                    .putValue("caseOpenPromises", openPromises)
                    .putValue("caseMessagesSoFar", messagesSoFar);
            variables.entrySet().removeIf(variable -> variable.getValue().equals(current.get(variable.getKey())));
            return variables;
        }
    }

    private final CaseFiles caseFiles;
    private final CustomerTimes times;
    private final EngineClock clock;

    public CaseContext(CaseFiles caseFiles, CustomerTimes times, EngineClock clock) {
        this.caseFiles = caseFiles;
        this.times = times;
        this.clock = clock;
    }

    /** The texts for a task that sees these variables (its own and its case's). */
    public Texts of(Map<String, Object> variables) {
        String reference = CaseVariables.text(variables, "caseReference");
        return new Texts(deadlines(variables), openPromises(caseFiles.promisesOf(reference)),
                messagesSoFar(caseFiles.messagesOf(reference)));
    }

    String deadlines(Map<String, Object> variables) {
        Instant now = clock.now();
        List<String> lines = new ArrayList<>();
        for (Deadline deadline : DEADLINES) {
            if (!(variables.get(deadline.dueVariable()) instanceof Date due)) {
                continue;
            }
            Object done = deadline.doneVariable() == null ? null : variables.get(deadline.doneVariable());
            String line = "- **" + deadline.label() + ":** by " + times.forTeam(due);
            if (done instanceof Date doneAt) {
                line += doneAt.after(due) ? " · done late, " + times.forTeam(doneAt) : " · done " + times.forTeam(doneAt);
            } else if (due.toInstant().isBefore(now)) {
                line += " · **overdue**";
            }
            lines.add(line);
        }
        return lines.isEmpty() ? "No deadlines set yet." : String.join("\n", lines);
    }

    /** Promises not yet kept: open ones, and broken ones whose callback has still not happened. */
    String openPromises(List<CaseFile.PromiseMade> promises) {
        List<String> lines = new ArrayList<>();
        for (CaseFile.PromiseMade promise : promises) {
            if (promise.keptAt() != null || !List.of("open", "broken").contains(promise.status())) {
                continue;
            }
            String when = "broken".equals(promise.status())
                    ? "**Broken:** callback was due " + times.forTeam(Date.from(promise.dueAt()))
                    : "**Callback by " + times.forTeam(Date.from(promise.dueAt())) + "**";
            lines.add("- " + when + " (promised by " + promise.madeBy() + " on "
                    + times.forTeam(Date.from(promise.madeAt())) + "): " + inline(promise.nextActions(), MAX_QUOTE));
        }
        return lines.isEmpty() ? "No promise is open." : fit(lines, "earlier promises");
    }

    /** The messages so far of the case, as the forms show them. */
    public String messagesSoFar(String caseReference) {
        return messagesSoFar(caseFiles.messagesOf(caseReference));
    }

    String messagesSoFar(List<CaseFile.Message> messages) {
        List<String> lines = new ArrayList<>();
        for (CaseFile.Message message : messages) {
            String at = times.forTeam(Date.from(message.at()));
            String channel = message.channel() == null ? "" : " (" + message.channel() + ")";
            if ("inbound".equals(message.direction())) {
                lines.add("- **" + at + " · the customer wrote" + channel + ":** “"
                        + inline(message.body(), MAX_QUOTE) + "”");
            } else {
                lines.add("- " + at + " · we sent" + channel + ": " + inline(message.subject(), MAX_QUOTE)
                        + delivery(message.delivery()));
            }
        }
        return lines.isEmpty() ? "No messages yet." : fit(lines, "earlier messages");
    }

    private static String delivery(String status) {
        return switch (status == null ? "" : status) {
            case CustomerMessage.FAILED -> " · **not delivered**: reach the customer another way";
            case CustomerMessage.DELIVERY_UNCERTAIN -> " · **delivery not confirmed**";
            default -> "";
        };
    }

    /** The newest lines that fit a task variable, saying how many older ones are left out. */
    private static String fit(List<String> lines, String what) {
        int first = 0;
        while (first < lines.size() - 1 && length(lines.subList(first, lines.size())) > MAX_TEXT) {
            first++;
        }
        String text = String.join("\n", lines.subList(first, lines.size()));
        String shown = first == 0 ? text : "_" + first + " " + what + " not shown._\n" + text;
        return shown.length() <= MAX_TEXT ? shown : shown.substring(0, MAX_TEXT - 1) + "…";
    }

    private static int length(List<String> lines) {
        return lines.stream().mapToInt(line -> line.length() + 1).sum() + 40;
    }

    /** One line of markdown from what a person wrote: no line breaks, nothing but the text itself, clipped. */
    static String inline(String text, int max) {
        return ShownText.inline(text, max);
    }
}
