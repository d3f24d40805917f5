package com.followthrough.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.thymeleaf.ITemplateEngine;

import com.followthrough.EngineClock;
import com.followthrough.FollowThroughSpringTest;
import com.followthrough.SupportProperties;
import com.followthrough.servicelevel.BusinessCalendar;
import com.followthrough.servicelevel.BusinessCalendars;
import com.followthrough.servicelevel.CaseDeadlines;

/**
 * Every mail template, in every language, renders through Thymeleaf with the facts of a case: a subject, the
 * customer's name, the reference, what happens next and when, and the number to call. The rendered mails are also
 * written to {@code target/mail-samples/} for reading.
 */
@FollowThroughSpringTest
class MessageTemplatesTest {

    static final Instant MONDAY_9AM_BERLIN = Instant.parse("2026-11-23T08:00:00Z");
    static final Path SAMPLES = Path.of("target/mail-samples");

    @Autowired MessageComposer composer;
    @Autowired CustomerTimes times;

    @BeforeEach
    void mondayMorning() {
        ClockUtil.setCurrentTime(Date.from(MONDAY_9AM_BERLIN));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    static VariableScope caseOf(Map<String, Object> variables) {
        VariableScope scope = mock(VariableScope.class);
        when(scope.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
        return scope;
    }

    static Map<String, Object> janesCase(String language) {
        Map<String, Object> v = new HashMap<>();
        v.put("language", language);
        v.put("plan", "premium");
        v.put("customerName", "Jane Doe");
        v.put("customerEmail", "jane@example.org");
        v.put("caseReference", "SC-2026-000042");
        v.put("supportPhoneNumber", "+49 30 1234 5678");
        v.put("subject", "Invoice shows the wrong amount");
        v.put("firstResponseDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(3600)));
        v.put("resolutionDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(3 * 86400)));
        v.put("updateInterval", "PT4H");
        v.put("quietPeriod", "P7D");
        v.put("nextActions", "Ask billing to reverse the second debit");
        v.put("callbackDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(3 * 3600)));
        v.put("callbackNumber", "+1 555 0100");
        v.put("callbackRetryWait", "PT2H");
        v.put("anotherAttemptAllowed", true);
        v.put("unreachableDecisionDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(2 * 3600)));
        v.put("replyText", "We are on it.");
        v.put("resolutionSummary", "The second debit was reversed.");
        v.put("reimbursementAmount", 15.0);
        v.put("reimbursementKind", "refund");
        v.put("owner", "anna");
        v.put("answerDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(4 * 3600)));
        v.put("approvalDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(8 * 3600)));
        v.put("openQuestion", "Which card was charged twice?");
        v.put("reminderDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(8 * 3600)));
        v.put("remindersLeft", 1);
        return v;
    }

    @ParameterizedTest
    @EnumSource(value = MessageKind.class, mode = EnumSource.Mode.EXCLUDE, names = "CUSTOMER_MESSAGE")
    void everyKindInEveryLanguageSaysWhoWhatNextAndTheNumberToCall(MessageKind kind) throws IOException {
        for (String language : new String[] {"en", "de"}) {
            MessageComposer.Composed mail = composer.compose(kind, caseOf(janesCase(language)));

            assertThat(mail.subject()).as("%s %s subject", kind, language).isNotBlank().doesNotContain("\n");
            assertThat(mail.body()).as("%s %s", kind, language)
                    .startsWith(language.equals("de") ? "Guten Tag Jane Doe," : "Hello Jane Doe,")
                    .contains("SC-2026-000042", "+49 30 1234 5678")
                    .doesNotContain("[(", "${", "[#", "[/]", "null", "\n\n\n")
                    .endsWith(language.equals("de") ? "Ihr Support-Team\n" : "Your support team\n");
            assertThat(mail.body().matches("(?s).*(2026, \\d\\d:\\d\\d|nichts weiter tun|don't need to do anything|"
                    + "reply to this message|antworten Sie einfach).*"))
                    .as("%s %s says what happens next and when", kind, language).isTrue();
            Files.createDirectories(SAMPLES);
            Files.writeString(SAMPLES.resolve(language + "-" + kind.modelName() + ".txt"),
                    "Subject: " + mail.subject() + "\n\n" + mail.body());
        }
    }

    @Test
    void timesAreShownInThePlanCalendarsTimeZoneInTheCustomersLanguage() {
        Date tenOClockBerlin = Date.from(Instant.parse("2026-11-23T09:00:00Z"));

        assertThat(times.format(tenOClockBerlin, "standard", Locale.GERMAN))
                .isEqualTo("Montag, 23. November 2026, 10:00 Uhr MEZ");
        assertThat(times.format(tenOClockBerlin, "standard", Locale.ENGLISH)).isEqualTo("Monday, 23 November 2026, 10:00 CET");
    }

    @Test
    void oneCallbackReadsTheSameInEveryMessageWhenThePlansCalendarKeepsAnotherZone(
            @Autowired ITemplateEngine templates, @Autowired MessageSource words,
            @Autowired BusinessCalendars calendars,
            @Autowired SupportProperties properties, @Autowired CaseDeadlines deadlines, @Autowired EngineClock clock,
            @Autowired IdentityService identityService) {
        BusinessCalendars londonPremium = spy(calendars);
        BusinessCalendar premium = calendars.of("premium");
        when(londonPremium.of("premium")).thenReturn(new BusinessCalendar(ZoneId.of("Europe/London"),
                premium.workingDays(), premium.hours(), premium.closedDays()));
        MessageComposer composer = new MessageComposer(templates, words,
                new CustomerTimes(londonPremium, words, properties, clock), deadlines, clock, identityService);
        for (String language : new String[] {"en", "de"}) {
            Map<String, Object> jane = janesCase(language);
            jane.put("agreedCallbackAt", jane.get("callbackDueAt"));
            jane.put("agreedCallbackBy", "anna");
            String noon = language.equals("en") ? "Monday, 23 November 2026, 12:00 CET"
                    : "Montag, 23. November 2026, 12:00 Uhr MEZ";

            assertThat(composer.compose(MessageKind.PROMISE_CONFIRMATION, caseOf(jane)).body()).as(language)
                    .contains(noon);
            assertThat(composer.compose(MessageKind.PROGRESS_UPDATE, caseOf(jane)).body())
                    .as("%s: the update names the callback as the promise did", language).contains(noon);
            assertThat(composer.compose(MessageKind.ACKNOWLEDGMENT, caseOf(jane)).body())
                    .as("%s: a deadline in the plan's zone says which zone it is", language)
                    .contains(language.equals("en") ? "09:00 GMT" : "09:00 Uhr GMT");
        }
    }

    @Test
    void thePromiseNamesThePersonWhoMadeItAndTheVoicemailThePersonWhoCalled() {
        Map<String, Object> english = janesCase("en");
        Map<String, Object> german = janesCase("de");
        german.put("anotherAttemptAllowed", false);
        english.put("calledBy", "anna");
        german.put("calledBy", "anna");

        assertThat(composer.compose(MessageKind.PROMISE_CONFIRMATION, caseOf(english)).body())
                .contains("Anna from our support team will call you back on +1 555 0100 by Monday, 23 November 2026, 12:00 CET.");
        assertThat(composer.compose(MessageKind.PROMISE_CONFIRMATION, caseOf(german)).body())
                .contains("Anna aus unserem Support-Team ruft Sie bis Montag, 23. November 2026, 12:00 Uhr MEZ unter"
                        + " +1 555 0100 zurück.");
        assertThat(composer.compose(MessageKind.VOICEMAIL, caseOf(english)).body())
                .contains("this is Anna from our support team: I just tried to call you on +1 555 0100");
        assertThat(composer.compose(MessageKind.VOICEMAIL, caseOf(german)).body())
                .contains("hier ist Anna aus unserem Support-Team: Ich habe eben versucht, Sie unter +1 555 0100");
        english.remove("calledBy");
        assertThat(composer.compose(MessageKind.VOICEMAIL, caseOf(english)).body())
                .as("nobody known to have called: not the owner, who may not have")
                .contains("we just tried to call you on +1 555 0100").doesNotContain("Anna");
    }

    @Test
    void anUnreachableDecisionNobodyMadeInTimeSaysWhoNowDecidesByWhenAndWhatFollowsEitherWay() {
        Map<String, Object> english = janesCase("en");
        english.put("anotherAttemptAllowed", false);
        Map<String, Object> german = janesCase("de");
        german.put("anotherAttemptAllowed", false);

        assertThat(composer.compose(MessageKind.UNREACHABLE_DECISION_PENDING, caseOf(english)).body())
                .contains("our management decides by Monday, 23 November 2026, 11:00 CET how we go on.",
                        "Either way, we will then write to you: with a new time for our call, or with the solution");
        assertThat(composer.compose(MessageKind.UNREACHABLE_DECISION_PENDING, caseOf(german)).body())
                .as("who decides is unmistakably our management, not \"Sie\", the customer")
                .contains("Jetzt entscheidet unsere Geschäftsleitung bis Montag, 23. November 2026, 11:00 Uhr MEZ,"
                        + " wie es weitergeht.", "In jedem Fall schreiben wir Ihnen danach")
                .doesNotContain("Sie entscheidet");
    }

    /** An owner the directory has no first name for (or no longer knows) is away: the sentence still reads. */
    @Test
    void theSpecialistJoiningWhileAnOwnerWithoutAFirstNameIsAwayReadsWithoutTheName() {
        Map<String, Object> english = janesCase("en");
        english.put("owner", "former.agent");
        english.put("heldBy", "anna");
        english.put("specialistAdviceDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(4 * 3600)));
        Map<String, Object> german = janesCase("de");
        german.put("owner", "former.agent");
        german.put("heldBy", "");
        german.put("specialistAdviceDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(4 * 3600)));

        assertThat(composer.compose(MessageKind.SPECIALIST_JOINING, caseOf(english)).body())
                .contains("While your usual contact is away, Anna from our support team is looking into it with the"
                        + " specialist, and you will hear from Anna by Monday, 23 November 2026, 13:00 CET.")
                .doesNotContain("  ", "former.agent");
        assertThat(composer.compose(MessageKind.SPECIALIST_JOINING, caseOf(german)).body())
                .contains("Solange Ihre gewohnte Ansprechperson abwesend ist, klärt unser Support-Team die Sache"
                        + " gemeinsam mit der Spezialistin oder dem Spezialisten, und Sie hören bis Montag,"
                        + " 23. November 2026, 13:00 Uhr MEZ von uns.")
                .doesNotContain("  ", "former.agent");
    }

    /** The payment to the customer's card reads as a person would write it ("back to your card" did not). */
    @Test
    void aReimbursementPaidToTheCustomersCardSaysSoPlainly() {
        assertThat(paidToTheCard("en"))
                .contains("as promised, we have paid you a refund of 15.00 EUR to your card on 24 November 2026.");
        assertThat(paidToTheCard("de"))
                .contains("wie zugesagt haben wir Ihnen eine Erstattung über 15,00 EUR am 24. November 2026 auf Ihre"
                        + " Karte gezahlt.");
    }

    private String paidToTheCard(String language) {
        Map<String, Object> jane = janesCase(language);
        jane.put("paymentMethod", "cardRefund");
        jane.put("paidOn", "2026-11-24");
        return composer.compose(MessageKind.REIMBURSEMENT_ARRANGED, caseOf(jane)).body();
    }

    @Test
    void acknowledgmentOfAMessageNamesTheOwnerOrTheTeamAndTheTime() {
        Map<String, Object> owned = janesCase("en");
        assertThat(composer.compose(MessageKind.MESSAGE_RECEIVED, caseOf(owned)).body()).contains(
                "thank you for your message about \"Invoice shows the wrong amount\"",
                "Anna from our support team will answer you by Monday, 23 November 2026, 13:00 CET at the latest.");

        Map<String, Object> unowned = janesCase("de");
        unowned.remove("owner");
        assertThat(composer.compose(MessageKind.MESSAGE_RECEIVED, caseOf(unowned)).body()).contains(
                "vielen Dank für Ihre Nachricht zu „Invoice shows the wrong amount“",
                "Unser Support-Team antwortet Ihnen spätestens am Montag, 23. November 2026, 13:00 Uhr MEZ.");
    }

    @Test
    void voicemailSaysWhenWeCallAgainOrWhenASupervisorDecidesAndPromisesNoCallOnEveryPath() {
        Map<String, Object> again = janesCase("en");
        assertThat(composer.compose(MessageKind.VOICEMAIL, caseOf(again)).body())
                .as("the retry is the promise in callbackDueAt, recorded by the voicemail step")
                .contains("We will try again by Monday, 23 November 2026, 12:00 CET.");

        Map<String, Object> lastEnglish = janesCase("en");
        lastEnglish.put("anotherAttemptAllowed", false);
        assertThat(composer.compose(MessageKind.VOICEMAIL, caseOf(lastEnglish)).body())
                .contains("Because we could not reach you, our team lead decides by Monday, 23 November 2026, 11:00 CET"
                        + " how we go on. Either way, we will then write to you: with a new time for our call, or with"
                        + " the solution as far as we know it.")
                .as("write and close agrees no new time").doesNotContain("agree on a new time", "try again");

        Map<String, Object> lastGerman = janesCase("de");
        lastGerman.put("anotherAttemptAllowed", false);
        assertThat(composer.compose(MessageKind.VOICEMAIL, caseOf(lastGerman)).body())
                .contains("Da wir Sie nicht erreicht haben, entscheidet unsere Teamleitung bis Montag, 23. November 2026,"
                        + " 11:00 Uhr MEZ, wie es weitergeht. In jedem Fall schreiben wir Ihnen danach: mit einem neuen"
                        + " Termin für unseren Anruf oder mit der Lösung, soweit wir sie kennen.")
                .doesNotContain("neuen Termin zu vereinbaren", "noch einmal");
    }

    @Test
    void aResolutionTargetThatHasPassedIsNotPromisedAgain() {
        Map<String, Object> late = janesCase("en");
        late.put("resolutionDueAt", Date.from(MONDAY_9AM_BERLIN.minusSeconds(60)));

        assertThat(composer.compose(MessageKind.PROGRESS_UPDATE, caseOf(late)).body())
                .contains("You will hear from us again by Monday, 23 November 2026, 13:00 CET at the latest")
                .doesNotContain("We aim to have your problem solved");
    }

    @Test
    void theClosingSummaryAndAPendingReimbursementPromiseOnlyWhatTheProcessDoes() {
        // A message for a closed case opens a linked follow-up case (FollowUpCases); the closed case stays closed.
        assertThat(composer.compose(MessageKind.CLOSING_SUMMARY, caseOf(janesCase("en"))).body())
                .contains("just reply to this message: we open a follow-up case at once, linked to this one")
                .contains("What we did:\nThe second debit was reversed.").doesNotContain("without your answer")
                .doesNotContain("reopen");
        assertThat(composer.compose(MessageKind.CLOSING_SUMMARY, caseOf(janesCase("de"))).body())
                .contains("Wir eröffnen sofort einen Folgevorgang, der mit diesem verknüpft ist")
                .contains("abgeschlossen. Das haben wir getan:\nThe second debit was reversed.")
                .doesNotContain("öffnen den Vorgang dann sofort wieder");
        // The approvers may still decline, and no earlier message told the customer when they would decide.
        assertThat(composer.compose(MessageKind.REIMBURSEMENT_PENDING, caseOf(janesCase("en"))).body())
                .contains("we want to give you a refund of 15.00 EUR").doesNotContain("owe you", "than we said");
        assertThat(composer.compose(MessageKind.REIMBURSEMENT_PENDING, caseOf(janesCase("de"))).body())
                .contains("möchten wir Ihnen eine Erstattung über 15,00 EUR").doesNotContain("schulden", "angekündigt");
    }

    /**
     * The survey goes out once the case is closed: a call about it opens a linked follow-up case with its own
     * reference (FollowUpCases), as the closing summary just said. The German survey promised to take the closed case
     * up again ("Wir nehmen Ihren Vorgang dann wieder auf"), the English one to "pick it up again".
     */
    @Test
    void theSurveyPromisesAFollowUpCaseForACallAsTheClosingSummaryDoes() {
        assertThat(composer.compose(MessageKind.SATISFACTION_SURVEY, caseOf(janesCase("en"))).body())
                .contains("if something is still not right, call us: we open a follow-up case at once, linked to this"
                        + " one.")
                .doesNotContain("pick it up again");
        assertThat(composer.compose(MessageKind.SATISFACTION_SURVEY, caseOf(janesCase("de"))).body())
                .contains("wenn noch etwas nicht stimmt, rufen Sie uns an: Wir eröffnen sofort einen Folgevorgang, der"
                        + " mit diesem verknüpft ist.")
                .doesNotContain("wieder auf");
    }

    /**
     * The survey promises a reader for what one reaches (decision SurveyAnswerReader): every comment goes to the owner
     * or, with a poor rating, to a supervisor. It said "we read every answer", and a fair or good rating without a
     * comment is read by nobody, only counted.
     */
    @Test
    void theSurveyPromisesToReadEveryCommentNotEveryAnswer() {
        assertThat(composer.compose(MessageKind.SATISFACTION_SURVEY, caseOf(janesCase("en"))).body())
                .contains("We read every comment.").doesNotContain("every answer");
        assertThat(composer.compose(MessageKind.SATISFACTION_SURVEY, caseOf(janesCase("de"))).body())
                .contains("Wir lesen jeden Kommentar.").doesNotContain("jede Antwort");
    }

    /**
     * A question asked while the case already waits after its last reminder, with a promised call still owed: at
     * reminderDueAt the wait ends and the call is the next contact (Gateway_CallbackOwed), as the last reminder said.
     * The question used to say "we will remind you", a reminder nothing sends.
     */
    @Test
    void aQuestionAfterTheLastReminderWhileACallIsOwedSaysTheCallStandsNotThatWeRemind() {
        Map<String, Object> en = janesCase("en");
        en.put("remindersLeft", 0);
        en.put("callbackOwed", true);
        Map<String, Object> de = janesCase("de");
        de.put("remindersLeft", 0);
        de.put("callbackOwed", true);

        assertThat(composer.compose(MessageKind.CUSTOMER_QUESTION, caseOf(en)).body())
                .contains("we stop waiting for your answer, and the call we agreed with you stands")
                .doesNotContain("we will remind you", "close the case");
        assertThat(composer.compose(MessageKind.CUSTOMER_QUESTION, caseOf(de)).body())
                .contains("warten wir nicht länger auf Ihre Antwort, "
                        + "und der mit Ihnen vereinbarte Anruf bleibt bestehen")
                .doesNotContain("erinnern wir Sie", "schließen wir");
    }

    /**
     * The last reminder with no call owed: the work on the case goes on while we wait (the diagnosis that asked stays
     * open, a specialist's advice may come in, the owner's Promise a callback may be open), and a call the owner
     * promises before reminderDueAt keeps the case open (Gateway_CallbackOwed). So "we will close the case for now"
     * alone was not what happens then; it said so whenever the owner's Promise a callback was not open yet, as while
     * diagnosing. The sentence says both, whatever step is open.
     */
    @Test
    void theLastReminderWithNoCallOwedSaysTheCaseClosesUnlessACallIsPromisedByThen() {
        for (String language : new String[] {"en", "de"}) {
            Map<String, Object> mayPromise = janesCase(language);
            mayPromise.put("remindersLeft", 0);
            mayPromise.put("callbackToBePromised", true);
            Map<String, Object> diagnosing = janesCase(language);
            diagnosing.put("remindersLeft", 0);
            boolean en = language.equals("en");

            for (MessageKind kind : List.of(MessageKind.QUESTION_REMINDER, MessageKind.CUSTOMER_QUESTION)) {
                for (Map<String, Object> waiting : List.of(mayPromise, diagnosing)) {
                    assertThat(composer.compose(kind, caseOf(waiting)).body()).as("%s %s", kind, language)
                            .contains(en ? "we will close the case for now, unless we have promised you a call by"
                                    + " then: then the call stands, and we call you as promised."
                                    : "schließen wir den Vorgang vorerst, es sei denn, wir haben Ihnen bis dahin einen"
                                    + " Anruf zugesagt: Dann bleibt es dabei, und wir rufen Sie wie zugesagt an.")
                            .containsOnlyOnce(en ? "If we have not heard from you by" : "Wenn wir bis");
                }
            }
        }
    }

    /**
     * The last reminder while the decision on a customer no call reached is open (callDecisionDueAt, which the
     * decision tasks of Keep the promise give the case until it ends): a call is owed (callbackOwed), but none is
     * agreed, and the decision may be "write and close", with no call. It said "the call we agreed with you stands: we
     * call you as promised". It says what the last voicemail said: the time only while it is ahead, which the
     * decision's timer backs (past it, the decision goes to the administrators and the customer hears the new time).
     */
    @Test
    void theLastReminderWhileTheUnreachableDecisionIsOpenSaysHowWeGoOnIsDecidedNotThatACallStands() {
        for (String language : new String[] {"en", "de"}) {
            boolean en = language.equals("en");
            Map<String, Object> decisionOpen = janesCase(language);
            decisionOpen.put("remindersLeft", 0);
            decisionOpen.put("callbackOwed", true);
            decisionOpen.put("callDecisionDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(2 * 3600)));
            Map<String, Object> timePassed = new HashMap<>(decisionOpen);
            timePassed.put("callDecisionDueAt", Date.from(MONDAY_9AM_BERLIN.minusSeconds(60)));

            for (MessageKind kind : List.of(MessageKind.QUESTION_REMINDER, MessageKind.CUSTOMER_QUESTION)) {
                assertThat(composer.compose(kind, caseOf(decisionOpen)).body()).as("%s %s", kind, language)
                        .contains(en ? "we stop waiting for your answer. We could not reach you by phone, and how we"
                                + " go on is decided by Monday, 23 November 2026, 11:00 CET. Either way, we will then"
                                + " write to you: with a new time for our call, or with the solution as far as we"
                                + " know it."
                                : "warten wir nicht länger auf Ihre Antwort. Wir haben Sie telefonisch nicht erreicht,"
                                + " und wie es weitergeht, wird bis Montag, 23. November 2026, 11:00 Uhr MEZ"
                                + " entschieden. In jedem Fall schreiben wir Ihnen danach: mit einem neuen Termin für"
                                + " unseren Anruf oder mit der Lösung, soweit wir sie kennen.")
                        .doesNotContain(en ? "agreed" : "vereinbart", en ? "as promised" : "wie versprochen",
                                en ? "close the case" : "schließen wir");
                assertThat(composer.compose(kind, caseOf(timePassed)).body()).as("%s %s, its time passed", kind,
                                language)
                        .contains(en ? "We could not reach you by phone, and how we go on is still being decided."
                                + " Either way, we will then write to you"
                                : "Wir haben Sie telefonisch nicht erreicht, und wie es weitergeht, wird noch"
                                + " entschieden. In jedem Fall schreiben wir Ihnen danach")
                        .doesNotContain(en ? "decided by" : "wird bis", "08:59");
            }
        }
    }

    /**
     * The last reminder (or a question with no reminder left) while the owner's word a customer told of a specialist
     * awaits is owed: the case does not close then (Gateway_CallbackOwed), so it says that word comes, not "we will
     * close the case for now", in both languages.
     */
    @Test
    void theLastReminderWhileTheOwnersWordAfterASpecialistIsOwedSaysThatWordComesNotThatTheCaseCloses() {
        for (String language : new String[] {"en", "de"}) {
            boolean en = language.equals("en");
            Map<String, Object> wordOwed = janesCase(language);
            wordOwed.put("remindersLeft", 0);
            wordOwed.put("ownerContactOwed", true);
            for (MessageKind kind : List.of(MessageKind.QUESTION_REMINDER, MessageKind.CUSTOMER_QUESTION)) {
                assertThat(composer.compose(kind, caseOf(wordOwed)).body()).as("%s %s", kind, language)
                        .contains(en ? "we stop waiting for your answer, and you hear from us as we wrote to you when"
                                + " our specialist joined."
                                : "warten wir nicht länger auf Ihre Antwort, und Sie hören von uns, wie wir es Ihnen"
                                + " geschrieben haben, als unser Spezialist hinzukam.")
                        .doesNotContain(en ? "close the case" : "schließen wir");
            }
        }
    }

    /**
     * A progress update while that decision is open says the same, in place of "we don't have an answer yet" (or an
     * agreed call, which the ledger never has then); a reminder that is not the last one still says only that we
     * remind them, as the decision is not what follows it.
     */
    @Test
    void aProgressUpdateWhileTheUnreachableDecisionIsOpenSaysHowWeGoOnIsDecided() {
        for (String language : new String[] {"en", "de"}) {
            boolean en = language.equals("en");
            Map<String, Object> decisionOpen = janesCase(language);
            decisionOpen.put("callbackOwed", true);
            decisionOpen.put("callDecisionDueAt", Date.from(MONDAY_9AM_BERLIN.plusSeconds(2 * 3600)));
            Map<String, Object> timePassed = new HashMap<>(decisionOpen);
            timePassed.put("callDecisionDueAt", Date.from(MONDAY_9AM_BERLIN.minusSeconds(60)));

            assertThat(composer.compose(MessageKind.PROGRESS_UPDATE, caseOf(decisionOpen)).body()).as(language)
                    .contains(en ? "we could not reach you by phone about your case SC-2026-000042, and how we go on"
                            + " is decided by Monday, 23 November 2026, 11:00 CET. Either way, we will then write to"
                            + " you: with a new time for our call, or with the solution as far as we know it."
                            : "wir haben Sie zu Ihrem Vorgang SC-2026-000042 telefonisch nicht erreicht, und wie es"
                            + " weitergeht, wird bis Montag, 23. November 2026, 11:00 Uhr MEZ entschieden. In jedem"
                            + " Fall schreiben wir Ihnen danach: mit einem neuen Termin für unseren Anruf oder mit"
                            + " der Lösung, soweit wir sie kennen.")
                    .doesNotContain(en ? "don't have an answer" : "noch keine Lösung", en ? "agreed" : "vereinbart");
            assertThat(composer.compose(MessageKind.PROGRESS_UPDATE, caseOf(timePassed)).body())
                    .as("%s, its time passed", language)
                    .contains(en ? "how we go on is still being decided." : "wie es weitergeht, wird noch entschieden.")
                    .doesNotContain(en ? "decided by" : "wird bis");

            decisionOpen.put("remindersLeft", 1);
            assertThat(composer.compose(MessageKind.QUESTION_REMINDER, caseOf(decisionOpen)).body())
                    .as("%s, not the last reminder", language)
                    .doesNotContain(en ? "We could not reach you" : "nicht erreicht");
        }
    }

    /**
     * The last reminder after "keep trying" (or a customer who called in while that was decided): the call is owed,
     * but no time is agreed; the owner's Promise a callback is open to promise the new time the voicemail said we
     * write. It said "the call we agreed with you stands: we call you as promised".
     */
    @Test
    void theLastReminderWhileTheOwnerIsToPromiseTheNewTimeSaysWeWriteWithItNotThatACallStands() {
        for (String language : new String[] {"en", "de"}) {
            Map<String, Object> newTimeOwed = janesCase(language);
            newTimeOwed.put("remindersLeft", 0);
            newTimeOwed.put("callbackOwed", true);
            newTimeOwed.put("callbackToBePromised", true);
            boolean en = language.equals("en");

            for (MessageKind kind : List.of(MessageKind.QUESTION_REMINDER, MessageKind.CUSTOMER_QUESTION)) {
                assertThat(composer.compose(kind, caseOf(newTimeOwed)).body()).as("%s %s", kind, language)
                        .contains(en ? "we stop waiting for your answer, and we write to you with a new time for our"
                                + " call."
                                : "warten wir nicht länger auf Ihre Antwort, und wir nennen Ihnen schriftlich einen"
                                + " neuen Termin für unseren Anruf.")
                        .doesNotContain(en ? "agreed" : "vereinbart", en ? "as promised" : "wie zugesagt",
                                en ? "close the case" : "schließen wir");
            }
        }
    }

    /**
     * A customer who writes in German reads the same promise in the same words in every mail, as often as the English
     * makes it, and is addressed as "Sie" throughout. The English "as promised" was "wie versprochen", "wie zugesagt"
     * and "wie besprochen" (as discussed), "our support team" was also "unser Support", and "our support team stays
     * your contact" was "Ihr Ansprechpartner" where the owner "bleibt Ihre Ansprechperson".
     */
    @Test
    void theGermanTemplatesSayEachThingTheEnglishSaysInOneWordAndFormally() throws IOException {
        Map<String, String> germanFor = Map.of(
                "as promised", "wie zugesagt",
                "support team", "Support-Team",
                "reply to this message", "auf diese Nachricht",
                "at the latest", "spätestens",
                "your contact", "Ihre Ansprechperson");
        Pattern informal = Pattern.compile("\\b(du|dich|dir|dein\\w*|euch|euer|eure\\w*)\\b",
                Pattern.CASE_INSENSITIVE);
        Path mail = Path.of("src/main/resources/mail");
        try (var files = Files.list(mail.resolve("en"))) {
            for (Path template : files.sorted().toList()) {
                String en = Files.readString(template);
                String de = Files.readString(mail.resolve("de").resolve(template.getFileName()));
                germanFor.forEach((english, german) -> assertThat(occurrences(german, de))
                        .as("de/%s says \"%s\" where en says \"%s\"", template.getFileName(), german, english)
                        .isEqualTo(occurrences(english, en)));
                assertThat(informal.matcher(de).results().map(MatchResult::group).toList())
                        .as("de/%s addresses the customer as \"Sie\"", template.getFileName()).isEmpty();
            }
        }
    }

    private static long occurrences(String words, String text) {
        return Pattern.compile(Pattern.quote(words), Pattern.CASE_INSENSITIVE).matcher(text).results().count();
    }

    @Test
    void everyTemplateFileBelongsToAKindAndEveryLanguageHasTheSameKinds() throws IOException {
        Path mail = Path.of("src/main/resources/mail");
        for (String language : new String[] {"en", "de"}) {
            try (var files = Files.list(mail.resolve(language))) {
                var kinds = files.map(f -> f.getFileName().toString().replace(".txt", ""))
                        .filter(name -> !name.startsWith("_")).sorted().toList();
                assertThat(kinds).as(language).containsExactlyInAnyOrderElementsOf(Arrays.stream(MessageKind.values())
                        .filter(k -> k != MessageKind.CUSTOMER_MESSAGE).map(MessageKind::modelName).toList());
            }
        }
    }
}
