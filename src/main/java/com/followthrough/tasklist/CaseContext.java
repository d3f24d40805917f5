package com.followthrough.tasklist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.followthrough.FieldChecks;
import com.followthrough.EngineClock;
import com.followthrough.PersonNames;
import com.followthrough.casefile.CaseFile;
import com.followthrough.casefile.CaseFiles;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerTimes;
import com.followthrough.servicelevel.BreachWarnings;
import com.followthrough.servicelevel.FreshResolutionTargetListener;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.FaultParty;
import com.followthrough.vocabulary.Language;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Priority;
import com.followthrough.vocabulary.SupervisorAction;

/**
 * The case as every form shows it above what the step asks, in one markdown text, the form variable
 * {@value #HEADER} that each form places with one text component, computed when the form is read
 * ({@link CaseTaskForm}): who the customer is (plan, language, channel
 * and priority in words, the owner by name), the deadlines, the promises still to keep, what the customer reported
 * and what we found out so far, and the messages so far, with times people read ("Tue 24 Nov, 15:00 CET"). Messages
 * and promises are those of the case file ({@link CaseFiles}), so a form and {@code GET /api/cases/{reference}} tell
 * the same story. What people wrote is escaped ({@link ShownText}). The case's variables are named by their
 * {@link CaseVariable} keys and read leniently: a value of another type than the key's is left out of the header, never
 * an error that would keep a task from being created.
 */
@Component
public class CaseContext {

    /** The form variable the forms' one context component shows. */
    public static final String HEADER = "caseHeader";

    /** Each text fits a task variable (the shown copies are): the engine stores strings of up to 4000 characters. */
    static final int MAX_TEXT = 3800;
    private static final int MAX_QUOTE = 280;
    /** The shortest a quoted text is clipped to when a long case has to fit: enough to recognise it. */
    private static final int MIN_QUOTE = 120;
    /** Room kept for the newest messages before the quotes above them are clipped. */
    private static final int MESSAGES_ROOM = 900;

    /**
     * Deadlines of the case and of its steps, in the order a case meets them. A step that records no time when it is
     * done says so another way ({@link Done}): its deadline reads "done", never overdue once it has passed.
     */
    private static final List<Deadline> DEADLINES = List.of(
            new Deadline("First response", CaseVariable.FIRST_RESPONSE_DUE_AT, CaseVariable.FIRST_RESPONDED_AT),
            new Deadline("Callback promised for", CaseVariable.CALLBACK_DUE_AT, CaseVariable.CALLBACK_MADE_AT,
                    Done.NOT_RECORDED,
                    new HandOver(" · broken · handed over: call by ", CaseContext::handedOverCallDue)),
            new Deadline("Answer the customer's message", CaseVariable.ANSWER_DUE_AT, null,
                    Done.REPLY_REOPENED_THE_CASE,
                    new HandOver(" · missed · handed over: answer by ", CaseContext::handedOverAnswerDue)),
            new Deadline("Customer hears from the owner (specialist advising)", CaseVariable.SPECIALIST_ADVICE_DUE_AT,
                    Done.OWNER_HEARD),
            new Deadline("Resolution", CaseVariable.RESOLUTION_DUE_AT, CaseVariable.RESOLVED_AT),
            new Deadline("Supervisor's approval", CaseVariable.APPROVAL_DUE_AT, Done.APPROVAL_DECIDED),
            new Deadline("Reimbursement paid, as the customer was told", CaseVariable.REIMBURSEMENT_DUE_AT,
                    Done.REIMBURSEMENT_SETTLED),
            new Deadline("Last-chance call", CaseVariable.LAST_CHANCE_DUE_AT, CaseVariable.LAST_CHANCE_CALLED_AT));

    private record Deadline(String label, CaseVariable<Date> due, CaseVariable<Date> doneAt, Done done,
                            HandOver handOver) {

        Deadline(String label, CaseVariable<Date> due, CaseVariable<Date> doneAt) {
            this(label, due, doneAt, Done.NOT_RECORDED, HandOver.NONE);
        }

        Deadline(String label, CaseVariable<Date> due, Done done) {
            this(label, due, null, done, HandOver.NONE);
        }
    }

    /**
     * A deadline whose time has passed and whose work a supervisor handed to a colleague with a time of their own
     * ({@code dueOf}: that time, from the case's variables and the deadline's own, or null when not handed over).
     */
    private record HandOver(String said, BiFunction<Map<String, Object>, Date, Date> dueOf) {

        static final HandOver NONE = new HandOver("", (variables, due) -> null);
    }

    /** What a case holds once a step without a time of its own is done, or that its deadline was never asked of it. */
    private enum Done {
        NOT_RECORDED,
        /** The owner's word the customer was told of reached them ({@code ownerContactOwed} cleared). */
        OWNER_HEARD,
        /** Someone with the authority decided; a reimbursement within the agent's authority asked no approval. */
        APPROVAL_DECIDED,
        /** The reimbursement is paid or declined, or a later amount awaits its approval before any new date. */
        REIMBURSEMENT_SETTLED,
        /**
         * The message was the customer's reply to the solution, and the case was reopened on it since: "we are back
         * on it" answered it. A message's own time to answer ends with its step; a reply's stays on the case.
         */
        REPLY_REOPENED_THE_CASE;

        boolean asked(Map<String, Object> variables) {
            return this != APPROVAL_DECIDED
                    || !Boolean.FALSE.equals(variables.get(CaseVariable.APPROVAL_NEEDED.name()));
        }

        boolean done(Map<String, Object> variables) {
            return switch (this) {
                case NOT_RECORDED -> false;
                case OWNER_HEARD -> Boolean.FALSE.equals(variables.get(CaseVariable.OWNER_CONTACT_OWED.name()));
                case APPROVAL_DECIDED -> !CaseVariable.APPROVAL_DECIDED_BY.text(variables).isEmpty();
                case REIMBURSEMENT_SETTLED ->
                        Boolean.FALSE.equals(variables.get(CaseVariable.REIMBURSEMENT_UNDER_WAY.name()))
                                || awaitingApproval(variables);
                case REPLY_REOPENED_THE_CASE ->
                        variables.get(FreshResolutionTargetListener.REOPENED_AT) instanceof Date reopened
                                && variables.get(BreachWarnings.MESSAGE_RECEIVED_AT) instanceof Date received
                                && !reopened.before(received);
            };
        }
    }

    /** What people wrote that the header quotes, with its heading, in the order the case gathered it. */
    private static final List<Quote> QUOTES = List.of(
            new Quote("What the customer reported", CaseVariable.DESCRIPTION, true),
            new Quote("The problem in the customer's words", CaseVariable.PROBLEM_IN_CUSTOMERS_WORDS, true),
            new Quote("Facts gathered", CaseVariable.FACTS_GATHERED, false),
            new Quote("Questions asked", CaseVariable.QUESTIONS_ASKED, false),
            new Quote("First response by a supervisor", CaseVariable.FIRST_RESPONSE_NOTE, false),
            new Quote("Diagnosis", CaseVariable.DIAGNOSIS, false),
            new Quote("Specialist's diagnosis", CaseVariable.SPECIALIST_DIAGNOSIS, false),
            new Quote("Who knows", CaseVariable.EXPERT_NAME, false),
            new Quote("Who stepped in", CaseVariable.SUPERVISOR_ACTION, false),
            new Quote("Notes from the last call", CaseVariable.LAST_CALL_NOTES, false),
            new Quote("How we solved it", CaseVariable.RESOLUTION_SUMMARY, false),
            new Quote("Note on the last reply to the solution", CaseVariable.REPLY_NOTE, false));

    /**
     * The form variable naming the support team's time zone, which a form's time fields are read in
     * ({@code {{supportTimeZone}}} in a time field's description, TimesTypedOnFormsTest).
     */
    public static final String SUPPORT_TIME_ZONE = "supportTimeZone";

    /**
     * The context every form reads and nothing else does, computed when the form is read
     * ({@link TaskPresentation#readWithTheForm}): not stored since issue 16; tasks created before that hold them as
     * task variables, which the form's fresh values hide.
     */
    static final List<String> READ_WITH_THE_FORM = List.of(HEADER, SUPPORT_TIME_ZONE);

    private record Quote(String heading, CaseVariable<String> variable, boolean customersWords) {
    }

    private final CaseFiles caseFiles;
    private final CustomerTimes times;
    private final EngineClock clock;
    private final PersonNames people;
    private final MessageSource words;

    public CaseContext(CaseFiles caseFiles, CustomerTimes times, EngineClock clock,
                       PersonNames people, MessageSource words) {
        this.caseFiles = caseFiles;
        this.times = times;
        this.clock = clock;
        this.people = people;
        this.words = words;
    }

    /**
     * The header for a task that sees these variables (its own and its case's), at most {@link #MAX_TEXT} long: when
     * a case has written more, the quoted texts are clipped ("…") to leave room for the newest messages, and older
     * messages are left out, saying how many; the case file ({@code GET /api/cases/{reference}}) has them in full.
     */
    public String headerOf(Map<String, Object> variables) {
        String reference = CaseVariable.CASE_REFERENCE.text(variables);
        List<CaseFile.PromiseMade> promises = caseFiles.promisesOf(reference);
        String openPromises = openPromises(promises);
        List<String> brokenAndMade = brokenAndMadeLate(promises);
        String owner = people.of(CaseVariable.OWNER.text(variables));
        List<String> messageLines = messageLines(caseFiles.messagesOf(reference));
        String header = "";
        for (int quote = MAX_QUOTE * 4; quote >= MIN_QUOTE; quote = quote * 2 / 3) {
            header = header(variables, owner, openPromises, brokenAndMade, quote);
            if (header.length() + MESSAGES_ROOM <= MAX_TEXT || header.length() + length(messageLines) <= MAX_TEXT) {
                break;
            }
        }
        String messages = messageLines.isEmpty() ? "No messages yet."
                : fit(messageLines, "earlier messages", Math.max(MAX_TEXT - header.length() - 40, 200));
        String text = header + "\n#### Messages so far\n" + messages;
        return text.length() <= MAX_TEXT ? text : FieldChecks.clipped(text, MAX_TEXT - 1) + "…";
    }

    private String header(Map<String, Object> variables, String owner, String openPromises,
                          List<String> brokenAndMade, int quote) {
        StringBuilder text = new StringBuilder();
        text.append("### Case ").append(CaseVariable.CASE_REFERENCE.text(variables));
        String subject = CaseVariable.SUBJECT.text(variables);
        if (!subject.isEmpty()) {
            text.append(": ").append(inline(subject, MAX_QUOTE));
        }
        text.append("\n- **Customer:** ").append(inline(CaseVariable.CUSTOMER_NAME.text(variables), MAX_QUOTE));
        List<String> about = new ArrayList<>();
        addIfKnown(about, Plan.words(CaseVariable.PLAN.text(variables)));
        String language = CaseVariable.LANGUAGE.text(variables);
        addIfKnown(about, language.isEmpty() ? "" : "writes in " + Language.words(language));
        String channel = CaseVariable.CHANNEL.text(variables);
        addIfKnown(about, channel.isEmpty() ? "" : "came to us " + Channel.how(channel));
        addIfKnown(about, Priority.words(CaseVariable.PRIORITY.text(variables)));
        if (!about.isEmpty()) {
            text.append(" · ").append(ShownText.inline(String.join(" · ", about), MAX_QUOTE));
        }
        text.append('\n').append(phones(variables));
        String followUpOf = CaseVariable.FOLLOW_UP_OF.text(variables);
        if (!followUpOf.isEmpty()) {
            text.append("- **Follow-up of:** ").append(inline(followUpOf, 40))
                    .append(" (the customer came back about this closed case)\n");
        }
        if (!owner.isEmpty()) {
            text.append("- **Owner:** ").append(inline(owner, MAX_QUOTE)).append('\n');
        }
        text.append("\n#### Deadlines\n").append(deadlines(variables)).append('\n');
        text.append("\n#### Open promises\n").append(openPromises).append('\n');
        text.append(callbackAttempts(variables));
        for (Quote shown : QUOTES) {
            String quoted = shown.variable() == CaseVariable.SUPERVISOR_ACTION
                    && !CaseVariable.SUPERVISOR_ACTIONS.text(variables).isEmpty()
                    ? whatSupervisorsDid(variables, quote) : quoted(variables, shown, quote);
            if (!quoted.isEmpty()) {
                text.append("\n#### ").append(shown.heading()).append('\n').append(quoted).append('\n');
            }
        }
        text.append(whatWeKnow(variables, brokenAndMade));
        return text.toString();
    }

    /**
     * The calls that did not reach the customer for the callback the step keeps, on the callback's own steps (those
     * with the promise they keep, {@code promiseId}). A step of the case has no count of its own: the case holds the
     * count of the last callback kept, and read there it counted a finished callback's calls as the next one's.
     */
    private static String callbackAttempts(Map<String, Object> variables) {
        return variables.get(CaseVariable.PROMISE_ID.name()) instanceof Number
                && variables.get(CaseVariable.CALLBACK_ATTEMPTS.name()) instanceof Number count && count.intValue() > 0
                ? "- **Callback attempts so far:** " + count.intValue() + "\n" : "";
    }

    private static void addIfKnown(List<String> words, String word) {
        if (!word.isEmpty()) {
            words.add(word);
        }
    }

    /** The number the customer gave, and the one to call back on when it is another. */
    private static String phones(Map<String, Object> variables) {
        String phone = CaseVariable.CUSTOMER_PHONE.text(variables);
        String callback = CaseVariable.CALLBACK_NUMBER.text(variables);
        List<String> parts = new ArrayList<>();
        if (!phone.isEmpty()) {
            parts.add("**Phone:** " + inline(phone, 60));
        }
        if (!callback.isEmpty() && !callback.equals(phone)) {
            parts.add("**Number to call back:** " + inline(callback, 60));
        }
        return parts.isEmpty() ? "" : "- " + String.join(" · ", parts) + "\n";
    }

    /** A quote of what people wrote; the customer's words as a block quote. Empty when there is nothing to show. */
    private static String quoted(Map<String, Object> variables, Quote quote, int max) {
        String text = quote.variable().text(variables);
        if (text.isEmpty() || quote.variable() == CaseVariable.PROBLEM_IN_CUSTOMERS_WORDS
                && text.equals(CaseVariable.DESCRIPTION.text(variables))) {
            return "";
        }
        String shown = ShownText.markdown(text, max);
        return quote.customersWords() ? "> " + shown.replace("\n", "\n> ") : shown;
    }

    /**
     * What each step where someone stepped in did (a supervisors' step, a supervisors' or administrators' chase),
     * oldest first, one line each ({@link SupervisorAction}); the newest kept when they do not all fit. A case from
     * before the log shows its one supervisors' note ({@code supervisorAction}) as a quote.
     */
    private String whatSupervisorsDid(Map<String, Object> variables, int max) {
        List<String> lines = new ArrayList<>();
        for (SupervisorAction action : SupervisorAction.of(CaseVariable.SUPERVISOR_ACTIONS.text(variables))) {
            List<String> about = new ArrayList<>();
            addIfKnown(about, inline(action.step(), 80));
            addIfKnown(about, inline(people.of(action.by()), 80));
            addIfKnown(about, action.at() == null ? "" : times.forTeam(Date.from(action.at())));
            lines.add("- " + (about.isEmpty() ? "" : "**" + String.join(" · ", about) + ":** ")
                    + inline(action.note(), max));
        }
        return lines.isEmpty() ? "" : fit(lines, "earlier steps where someone stepped in", max + 200);
    }

    /**
     * The facts a step decided on, in words: how to reach the customer, a discount asked for, the promises broken
     * and made late since, who was at fault.
     */
    private String whatWeKnow(Map<String, Object> variables, List<String> brokenAndMade) {
        List<String> lines = new ArrayList<>();
        String preferred = CaseVariable.PREFERRED_CONTACT_CHANNEL.text(variables);
        if (!preferred.isEmpty()) {
            lines.add("- **The customer prefers to hear from us** " + ShownText.inline(Channel.how(preferred), 60));
        }
        if (Boolean.TRUE.equals(variables.get(CaseVariable.DISCOUNT_REQUESTED.name()))) {
            lines.add("- **The customer asked for a discount.** No discount is promised; if we were at fault, the"
                    + " customer is reimbursed without asking.");
        }
        lines.addAll(brokenAndMade);
        String fault = CaseVariable.FAULT_PARTY.text(variables);
        if (!fault.isEmpty()) {
            lines.add("- **At fault (internal only):** " + ShownText.inline(FaultParty.words(fault), 60));
        }
        if (variables.get(CaseVariable.CUSTOMER_COST.name()) instanceof Number cost
                && CaseVariable.RESOLUTION_SUMMARY.text(variables).length() > 0) {
            lines.add(String.format(Locale.ENGLISH, "- **Documented cost the customer bore:** %.2f EUR", cost.doubleValue()));
        }
        String kind = CaseVariable.REIMBURSEMENT_KIND.text(variables);
        if (!kind.isEmpty() && !"none".equals(kind)) {
            String amount = variables.get(CaseVariable.REIMBURSEMENT_AMOUNT.name()) instanceof Number value
                    ? String.format(Locale.ENGLISH, ", %.2f EUR", value.doubleValue()) : "";
            lines.add("- **Reimbursement:** " + ShownText.inline(
                    words.getMessage("reimbursementKind." + kind, null, kind, Locale.ENGLISH), 60) + amount
                    + approval(variables) + offeredInAll(variables));
        }
        return lines.isEmpty() ? "" : "\n" + String.join("\n", lines) + "\n";
    }

    /**
     * What the supervisor decided on that amount, and who: a declined amount was never offered, and reads so. A case
     * that kept who decided but not what (none written so) says only who decided. An amount nobody has decided yet
     * awaits approval and is not offered: read as a refund under way, it was told to the customer too early.
     */
    private String approval(Map<String, Object> variables) {
        String decidedBy = CaseVariable.APPROVAL_DECIDED_BY.text(variables);
        if (decidedBy.isEmpty()) {
            return awaitingApproval(variables) ? " · awaiting approval, not offered yet" : "";
        }
        String who = inline(people.of(decidedBy), 80);
        return switch (CaseVariable.APPROVAL_DECISION.text(variables)) {
            case "approve" -> " · approved by " + who;
            case "decline" -> " · declined by " + who + ", not offered";
            default -> " · decided by " + who;
        };
    }

    /**
     * The amount last decided needs an approval that nobody has given or refused yet: the decision clears who decided
     * an earlier amount when it owes a new one.
     */
    private static boolean awaitingApproval(Map<String, Object> variables) {
        return Boolean.TRUE.equals(variables.get(CaseVariable.APPROVAL_NEEDED.name()))
                && CaseVariable.APPROVAL_DECIDED_BY.text(variables).isEmpty();
    }

    /**
     * What the customer was offered in all when it is more than the last amount decided: a reopened case resolved
     * again with a higher cost is decided and offered the difference, and the customer holds both offers.
     */
    private static String offeredInAll(Map<String, Object> variables) {
        if (!(variables.get(CaseVariable.REIMBURSEMENT_AMOUNT_OFFERED.name()) instanceof Number offered)
                || variables.get(CaseVariable.REIMBURSEMENT_AMOUNT.name()) instanceof Number last
                && last.doubleValue() == offered.doubleValue()) {
            return "";
        }
        return String.format(Locale.ENGLISH, " · %.2f EUR offered in all", offered.doubleValue());
    }

    /** The deadlines, each with whether it is done, and when where the case knows it. */
    String deadlines(Map<String, Object> variables) {
        Instant now = clock.now();
        List<String> lines = new ArrayList<>();
        for (Deadline deadline : DEADLINES) {
            if (!(variables.get(deadline.due().name()) instanceof Date due) || !deadline.done().asked(variables)) {
                continue;
            }
            Object done = deadline.doneAt() == null ? null : variables.get(deadline.doneAt().name());
            if (deadline.doneAt() == CaseVariable.RESOLVED_AT && done instanceof Date resolvedAt
                    && FreshResolutionTargetListener.reopenedSinceResolved(resolvedAt,
                            variables.get(FreshResolutionTargetListener.REOPENED_AT)) != null) {
                // Reopened since: the fresh resolution date, counted from the reopening, is not met by the old one.
                done = null;
            }
            String line = "- **" + deadline.label() + ":** by " + times.forTeam(due);
            Date handedOverDue = deadline.handOver().dueOf().apply(variables, due);
            if (done instanceof Date doneAt) {
                line += doneAt.after(due) ? " · done late, " + times.forTeam(doneAt) : " · done " + times.forTeam(doneAt);
            } else if (deadline.done().done(variables)) {
                line += " · done";
            } else if (handedOverDue != null) {
                // The time told is past; the colleague it went to has their own time, overdue only once it passes.
                line += deadline.handOver().said() + times.forTeam(handedOverDue)
                        + (handedOverDue.toInstant().isBefore(now) ? " · **overdue**" : "");
            } else if (due.toInstant().isBefore(now)) {
                line += " · **overdue**";
            }
            lines.add(line);
        }
        return lines.isEmpty() ? "No deadlines set yet." : String.join("\n", lines);
    }

    /**
     * When the late callback a supervisor handed over without a new time is due now, while it is still to be made
     * ({@code PromiseTakeover}): the promised time has passed, and the caller is to call by then. Null otherwise.
     */
    private static Date handedOverCallDue(Map<String, Object> variables, Date promisedAt) {
        return Boolean.TRUE.equals(variables.get(CaseVariable.CALLBACK_HANDED_OVER.name()))
                && variables.get(CaseVariable.HANDED_OVER_CALL_DUE_AT.name()) instanceof Date due ? due : null;
    }

    /**
     * When the colleague a supervisor handed this late answer to is to answer ({@code AnswerTakeover}): the time the
     * customer was given ({@code answerDue}) has passed. A later message's answer, due after that hand-over's time, was
     * handed to nobody. Null otherwise.
     */
    private static Date handedOverAnswerDue(Map<String, Object> variables, Date answerDue) {
        return variables.get(CaseVariable.COLLEAGUE_ANSWER_DUE_AT.name()) instanceof Date due && due.after(answerDue)
                ? due : null;
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
            lines.add("- " + when + " (promised by " + inline(people.of(promise.madeBy()), 80) + " on "
                    + times.forTeam(Date.from(promise.madeAt())) + holder(promise) + "): "
                    + inline(promise.nextActions(), MAX_QUOTE));
        }
        return lines.isEmpty() ? "No promise is open." : fit(lines, "earlier promises", MAX_TEXT / 3);
    }

    /**
     * The promises broken whose call was made since, late, one line each: no longer open, so not under "Open
     * promises", but what Resolve asks about ("the cost our delay or a broken promise caused"). The newest three,
     * for a long case.
     */
    List<String> brokenAndMadeLate(List<CaseFile.PromiseMade> promises) {
        List<String> lines = promises.stream().filter(p -> "broken".equals(p.status()) && p.keptAt() != null)
                .map(p -> "- **Promise broken:** callback due " + times.forTeam(Date.from(p.dueAt())) + ", made "
                        + times.forTeam(Date.from(p.keptAt())) + " (promised by " + inline(people.of(p.madeBy()), 80)
                        + ")")
                .toList();
        return lines.subList(Math.max(0, lines.size() - 3), lines.size());
    }

    /**
     * Who holds the call when it is not who made the promise, as the customer is told: the colleague it went to (a
     * stand-in, a claim from the queue, a supervisor's takeover), or the team's queue.
     */
    private String holder(CaseFile.PromiseMade promise) {
        if (promise.handedTo() != null && !promise.handedTo().equals(promise.madeBy())) {
            return "; " + inline(people.of(promise.handedTo()), 80) + " calls now";
        }
        return promise.handedTo() == null && promise.handedToTeam() != null ? "; in the team queue now" : "";
    }

    /** The messages so far of the case, one line each, oldest first. */
    List<String> messageLines(List<CaseFile.Message> messages) {
        List<String> lines = new ArrayList<>();
        for (CaseFile.Message message : messages) {
            String at = times.forTeam(Date.from(message.at()));
            String channel = message.channel() == null ? "" : " " + Channel.how(message.channel());
            if ("inbound".equals(message.direction())) {
                lines.add("- **" + at + " · the customer wrote" + channel + ":** “"
                        + inline(message.body(), MAX_QUOTE) + "”");
            } else {
                lines.add("- " + at + " · we sent" + channel + ": " + inline(message.subject(), MAX_QUOTE)
                        + delivery(message.delivery()));
            }
        }
        return lines;
    }

    /** The messages so far as one text of at most {@link #MAX_TEXT}, the newest kept. */
    String messagesSoFar(List<CaseFile.Message> messages) {
        List<String> lines = messageLines(messages);
        return lines.isEmpty() ? "No messages yet." : fit(lines, "earlier messages", MAX_TEXT);
    }

    private static String delivery(String status) {
        return switch (status == null ? "" : status) {
            case CustomerMessage.FAILED -> " · **not delivered**: reach the customer another way";
            case CustomerMessage.DELIVERY_UNCERTAIN -> " · **delivery not confirmed**";
            default -> "";
        };
    }

    /** The newest lines that fit in {@code max} characters, saying how many older ones are left out. */
    private static String fit(List<String> lines, String what, int max) {
        int first = 0;
        while (first < lines.size() - 1 && length(lines.subList(first, lines.size())) > max) {
            first++;
        }
        String text = String.join("\n", lines.subList(first, lines.size()));
        String shown = first == 0 ? text : "_" + first + " " + what + " not shown._\n" + text;
        return shown.length() <= max ? shown : FieldChecks.clipped(shown, max - 1) + "…";
    }

    private static int length(List<String> lines) {
        return lines.stream().mapToInt(line -> line.length() + 1).sum() + 40;
    }

    /** One line of markdown from what a person wrote: no line breaks, nothing but the text itself, clipped. */
    static String inline(String text, int max) {
        return ShownText.inline(text, max);
    }
}
