package com.followthrough.communication;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import com.followthrough.CaseVariables;
import com.followthrough.EngineClock;
import com.followthrough.servicelevel.CaseDeadlines;
import com.followthrough.servicelevel.FreshResolutionTargetListener;
import com.followthrough.vocabulary.CaseVariable;

/**
 * Writes a customer message of a given kind in the case's language with Thymeleaf, from the mail template
 * {@code src/main/resources/mail/<language>/<kind>.txt} (TEXT mode): the first line is {@code Subject: ...}, the
 * rest is the body. Every template gets the same named facts of the case (see {@link #facts}); times are
 * formatted by {@link CustomerTimes} in the customer's language and the zone of the plan's business calendar (a
 * callback time: the support team's zone, the one the agent typed it in), so templates only place them.
 */
@Component
public class MessageComposer {

    private static final String SUBJECT = "Subject:";

    private final ITemplateEngine templates;
    private final MessageSource words;
    private final CustomerTimes times;
    private final CaseDeadlines deadlines;
    private final EngineClock clock;
    private final IdentityService identityService;

    public MessageComposer(ITemplateEngine templates, MessageSource words, CustomerTimes times,
                           CaseDeadlines deadlines, EngineClock clock, IdentityService identityService) {
        this.templates = templates;
        this.words = words;
        this.times = times;
        this.deadlines = deadlines;
        this.clock = clock;
        this.identityService = identityService;
    }

    public Composed compose(MessageKind kind, VariableScope caseVariables) {
        String language = CaseVariable.LANGUAGE.text(caseVariables);
        Locale locale = Locale.forLanguageTag(language);
        String text = templates.process(language + "/" + kind.modelName(), new Context(locale, facts(caseVariables, locale)));
        return Composed.of(language + "/" + kind.modelName(), text);
    }

    /** The facts a template may use, by name, e.g. {@code [(${caseReference})]}; a fact that doesn't apply is null. */
    Map<String, Object> facts(VariableScope variables, Locale locale) {
        String plan = CaseVariable.PLAN.text(variables);
        Map<String, Object> facts = new HashMap<>();
        facts.put("customerName", CaseVariable.CUSTOMER_NAME.text(variables));
        facts.put("caseReference", CaseVariable.CASE_REFERENCE.text(variables));
        facts.put("supportPhone", CaseVariable.SUPPORT_PHONE_NUMBER.text(variables));
        facts.put("subject", CaseVariable.SUBJECT.text(variables));
        Date firstResponseDueAt = CaseVariable.FIRST_RESPONSE_DUE_AT.get(variables);
        facts.put("firstResponseDueAt", times.format(firstResponseDueAt, plan, locale));
        // A message before anyone listened, after that time passed (messageReceived, or an acknowledgment sent late):
        // the passed time is not told; while nobody has spoken to the customer (firstRespondedAt), the supervisors'
        // first response backs it.
        boolean firstResponsePassed = firstResponseDueAt != null
                && !firstResponseDueAt.toInstant().isAfter(clock.now());
        facts.put("firstResponsePassed", firstResponsePassed ? Boolean.TRUE : "");
        facts.put("firstResponseLate", firstResponsePassed
                && CaseVariable.FIRST_RESPONDED_AT.get(variables) == null ? Boolean.TRUE : "");
        facts.put("nextActions", CaseVariables.text(variables, "nextActions"));
        facts.put("callbackDueAt", times.inSupportZone(CaseVariable.CALLBACK_DUE_AT.get(variables), locale));
        facts.put("callbackNumber", CaseVariable.CALLBACK_NUMBER.text(variables));
        facts.put("replyText", CaseVariables.text(variables, "replyText"));
        facts.put("resolutionSummary", CaseVariables.text(variables, "resolutionSummary"));
        Object amount = variables.getVariable("reimbursementAmount");
        facts.put("reimbursementAmount", amount == null ? ""
                : String.format(locale, "%.2f EUR", ((Number) amount).doubleValue()));
        Object reimbursementKind = variables.getVariable("reimbursementKind");
        facts.put("reimbursementKind", reimbursementKind == null || "none".equals(reimbursementKind) ? ""
                : words.getMessage("reimbursementKind." + reimbursementKind, null, locale));
        // The offered reimbursement: the date by which it is paid, and once paid how, when and the payment reference.
        facts.put("reimbursementDueAt", times.format(variables.getVariable("reimbursementDueAt"), plan, locale));
        Object paymentMethod = variables.getVariable("paymentMethod");
        facts.put("paymentMethod", paymentMethod == null ? ""
                : words.getMessage("paymentMethod." + paymentMethod, null, paymentMethod.toString(), locale));
        facts.put("paymentReference", CaseVariables.text(variables, "paymentReference"));
        facts.put("paidOn", day(CaseVariables.text(variables, "paidOn"), words.getMessage("mail.day", null, locale), locale));
        // An approval that ran out: when the customer will hear from the people who now decide.
        facts.put("approvalDueAt", times.format(variables.getVariable("approvalDueAt"), plan, locale));
        // The customer's own message and when it will be answered ("Customer wrote in").
        // Who answers it, or calls back in a written promise: the owner, or who stands in for them while they are away
        // ("" for the team's queue), as workload.HolderNamedInMessages reads it (a transient variable); else the owner.
        Object heldBy = variables.getVariable("heldBy");
        facts.put("heldByName", firstName(heldBy != null ? heldBy : CaseVariable.OWNER.get(variables)));
        // Someone else holds the owner's next step, a stand-in or the queue: the owner is away (specialistJoining).
        facts.put("ownerAway", heldBy != null && !heldBy.toString().equals(CaseVariable.OWNER.text(variables))
                ? Boolean.TRUE : "");
        // Nobody has listened yet: the message waits on Listen, whose due time (firstResponseDueAt) the customer hears.
        facts.put("messageOnListen", Boolean.TRUE.equals(variables.getVariable("messageOnListen")));
        // The promise names the person who made it and calls back (C: "you're the one that answered the phone").
        facts.put("ownerName", firstName(CaseVariable.OWNER.get(variables)));
        // Who writes the solution to a customer we could not reach: who holds the owner's "Resolve the problem"
        // (workload.SolutionWriterInLetter); none for the team's queue.
        facts.put("solutionWriterName", firstName(variables.getVariable("solutionWrittenBy")));
        // The voicemail speaks for who made the call (set by promise.LeaveVoicemailDelegate, a transient variable).
        facts.put("callerName", firstName(variables.getVariable("calledBy")));
        facts.put("answerDueAt", times.format(variables.getVariable("answerDueAt"), plan, locale));
        // A callback agreed and still ahead, for a progress update (set by promise.AgreedCallbackInUpdates).
        facts.put("agreedCallbackBy", firstName(variables.getVariable("agreedCallbackBy")));
        facts.put("agreedCallbackAt", times.inSupportZone(variables.getVariable("agreedCallbackAt"), locale));
        // What happens next and when: the next progress update, the resolution target, the quiet period, the next call.
        // The update interval counts on the plan's business calendar; the quiet period and the wait before calling
        // again are the customer's waiting time, counted around the clock.
        String updateInterval = CaseVariable.UPDATE_INTERVAL.get(variables);
        facts.put("nextUpdateDueAt", updateInterval == null || plan.isBlank() ? ""
                : times.format(deadlines.after(updateInterval, plan), plan, locale));
        // Only while the resolution runs: a case resolved (and not reopened since) has no date to be solved by, and
        // no timer behind one (a progress update or an answer while it waits to close).
        Date resolutionDueAt = CaseVariable.RESOLUTION_DUE_AT.get(variables);
        Date resolvedAt = CaseVariable.RESOLVED_AT.get(variables);
        boolean resolutionRuns = FreshResolutionTargetListener.resolutionRuns(resolvedAt,
                variables.getVariable(FreshResolutionTargetListener.REOPENED_AT));
        facts.put("resolutionDueAt", resolutionRuns && resolutionDueAt != null
                && resolutionDueAt.toInstant().isAfter(clock.now()) ? times.format(resolutionDueAt, plan, locale) : "");
        // A missed resolution target: what a supervisor says is being done (the new date is resolutionDueAt).
        facts.put("resolutionPlan", CaseVariables.text(variables, "resolutionPlan"));
        // Who set that date: a supervisor, or our management when the supervisors set none in time (WhoSetTheNewDate).
        facts.put("newDateSetByManagement",
                Boolean.TRUE.equals(variables.getVariable("newDateSetByManagement")) ? Boolean.TRUE : "");
        // A specialist advises the owner: when the customer hears from the owner.
        facts.put("specialistAdviceDueAt", times.format(variables.getVariable("specialistAdviceDueAt"), plan, locale));
        facts.put("closesAt", after(variables.getVariable("quietPeriod"), plan, locale));
        // Waiting on the customer: the agent's question, and when they are reminded (the timer of "Wait for the
        // customer"). The last reminder says what happens then (Gateway_CallbackOwed). No call owed: the case closes,
        // unless a call is promised by then, which keeps it open; the work goes on while we wait (the diagnosis that
        // asked stays open, the owner's "Promise a callback" may be), so one may be. A call owed ("callbackOwed") ends
        // the wait instead: the call agreed stands; or after "keep trying" the owner's "Promise a callback" is open
        // ("callbackToBePromised", CallbackOwedListener; Flow_NewCallTimeNeeded) and writes the new time, with
        // SubProcess_MakeSureOfNewCallTime past its date; or every call ended in a voicemail and how we go on is being
        // decided ("callDecisionDueAt", CallDecisionListener), by a time only while it is ahead, as the decision's
        // timer backs it (past it the administrators decide, and the customer is told their time).
        facts.put("question", CaseVariables.text(variables, "openQuestion"));
        facts.put("reminderDueAt", times.format(variables.getVariable("reminderDueAt"), plan, locale));
        Object remindersLeft = variables.getVariable("remindersLeft");
        boolean lastReminder = remindersLeft instanceof Number left && left.intValue() <= 0;
        boolean callbackOwed = Boolean.TRUE.equals(variables.getVariable("callbackOwed"));
        boolean newTimeToPromise = Boolean.TRUE.equals(variables.getVariable("callbackToBePromised"));
        Object callDecisionDueAt = variables.getVariable("callDecisionDueAt");
        // A call owed, none agreed: whether we keep trying is being decided. The last reminder and a progress update
        // (never sent while we wait on the customer's answer, servicelevel.ProgressUpdates) say so, not "as agreed".
        boolean callBeingDecided = callbackOwed && callDecisionDueAt instanceof Date;
        // The owner's word owed after a specialist joined ("ownerContactOwed", no call owed): the wait ends and the
        // case stays open (Gateway_CallbackOwed), so the last reminder says that word comes, not that the case closes.
        boolean ownersWordOwed = !callbackOwed && Boolean.TRUE.equals(CaseVariable.OWNER_CONTACT_OWED.get(variables));
        facts.put("closesUnlessCallPromised", lastReminder && !callbackOwed && !ownersWordOwed ? Boolean.TRUE : "");
        facts.put("ownersWordComes", lastReminder && ownersWordOwed ? Boolean.TRUE : "");
        facts.put("callbackStands", lastReminder && callbackOwed && !newTimeToPromise && !callBeingDecided
                ? Boolean.TRUE : "");
        facts.put("newCallTimeComes", lastReminder && callbackOwed && newTimeToPromise && !callBeingDecided
                ? Boolean.TRUE : "");
        facts.put("callBeingDecided", callBeingDecided ? Boolean.TRUE : "");
        facts.put("callDecidedBy", callBeingDecided && ((Date) callDecisionDueAt).toInstant().isAfter(clock.now())
                ? times.format(callDecisionDueAt, plan, locale) : "");
        facts.put("remindsAgain", lastReminder ? "" : Boolean.TRUE);
        // The voicemail: the next call, or when a supervisor decides after the last attempt (both set by the voicemail
        // step, which backs them with a promise and timer, or a due date and timer).
        boolean anotherAttempt = Boolean.TRUE.equals(variables.getVariable("anotherAttemptAllowed"));
        facts.put("nextCallAt", anotherAttempt ? times.inSupportZone(CaseVariable.CALLBACK_DUE_AT.get(variables), locale) : "");
        facts.put("unreachableDecisionAt", anotherAttempt ? ""
                : times.format(variables.getVariable("unreachableDecisionDueAt"), plan, locale));
        // A promise kept after the case closed (a callback promised on the last-chance call, passed by CustomerFeedback):
        // nobody writes up a solution and nothing is left to close.
        facts.put("caseClosedAlready", Boolean.TRUE.equals(variables.getVariable("caseClosedAlready")) ? Boolean.TRUE : "");
        // Set just before composing by the message preparation (a transient variable, see feedback.SurveyInvitation).
        facts.put("surveyLink", CaseVariables.text(variables, "surveyLink"));
        // Absent facts are null, so that a template can ask [# th:if="${resolutionDueAt}"] (Thymeleaf takes "" as true).
        facts.replaceAll((name, value) -> "".equals(value) ? null : value);
        return facts;
    }

    /** A day the form recorded ("2026-11-24") as the customer reads it ({@code mail.day}: "24 November 2026"). */
    private static String day(String isoDate, String pattern, Locale locale) {
        try {
            return isoDate == null || isoDate.isBlank() ? ""
                    : LocalDate.parse(isoDate).format(DateTimeFormatter.ofPattern(pattern, locale));
        } catch (DateTimeParseException notADay) {
            return isoDate;
        }
    }

    private String after(Object isoDuration, String plan, Locale locale) {
        return isoDuration == null || isoDuration.toString().isBlank() ? ""
                : times.format(deadlines.after(isoDuration.toString()), plan, locale);
    }

    /** The owner's first name as the customer may read it, or "" (the templates then say "our team"). */
    private String firstName(Object owner) {
        if (owner == null || owner.toString().isBlank()) {
            return "";
        }
        User user = identityService.createUserQuery().userId(owner.toString()).singleResult();
        return user == null || user.getFirstName() == null ? "" : user.getFirstName().trim();
    }

    public record Composed(String subject, String body) {

        /** Splits a rendered template into its first line ({@code Subject: ...}) and the body after it. */
        static Composed of(String template, String text) {
            String normalized = text.replace("\r\n", "\n").strip();
            int endOfLine = normalized.indexOf('\n');
            String first = endOfLine < 0 ? normalized : normalized.substring(0, endOfLine);
            if (!first.startsWith(SUBJECT)) {
                throw new IllegalStateException("Mail template " + template + " must start with a line 'Subject: ...'");
            }
            String body = endOfLine < 0 ? "" : normalized.substring(endOfLine + 1)
                    .replaceAll("[ \\t]+\\n", "\n")       // no trailing blanks from template tags
                    .replaceAll("\\n{3,}", "\n\n")        // at most one empty line between paragraphs
                    .strip();
            return new Composed(first.substring(SUBJECT.length()).strip(), body + "\n");
        }
    }
}
