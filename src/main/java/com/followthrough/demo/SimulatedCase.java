package com.followthrough.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.feedback.SurveyAnswers;
import com.followthrough.intake.CaseIntake;
import com.followthrough.vocabulary.Channel;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Processes;

/**
 * Plays one {@link DemoStory} through the real processes, the way people and time would: the engine clock moves from
 * one moment to the next, the timers that fall due fire then (as the job executor would fire them), people complete
 * their tasks some minutes or hours after the tasks appear, and the customer writes, calls, confirms and answers the
 * survey through the same services the API uses. It stops when the case and its feedback have ended, or at
 * {@code until} (now): what would happen later is left for the running app.
 */
final class SimulatedCase {

    private static final int MAX_STEPS = 400;
    private static final Pattern SURVEY_TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private final ProcessEngine engine;
    private final CaseIntake intake;
    private final CaseInbox inbox;
    private final SurveyAnswers surveyAnswers;
    private final CustomerMessages messages;
    private final DemoPeople people;
    private final ZoneId supportZone;
    private final DemoStory story;
    private final Random random;
    private final Instant until;

    private String reference;
    private final Map<String, Step> plannedTasks = new HashMap<>();
    private final Map<String, Step> plannedByCustomer = new HashMap<>();
    private Step writesIn;
    private int diagnoses;
    private int calls;
    /** What the last call brought, until the diagnosis it leads back to reads it. */
    private String lastCallOutcome;
    private int resolutions;

    SimulatedCase(CaseServices services, DemoStory story, Random random, Instant until) {
        this.engine = services.engine();
        this.intake = services.intake();
        this.inbox = services.inbox();
        this.surveyAnswers = services.surveyAnswers();
        this.messages = services.messages();
        this.people = services.people();
        this.supportZone = services.settings().support().timeZone();
        this.story = story;
        this.random = random;
        this.until = until;
    }

    /** Something that happens at a time: a person completes a task, the customer does something, a timer fires. */
    private record Step(Instant at, Runnable action) {
    }

    /** Plays the story; answers the case's reference. */
    String play() {
        ClockUtil.setCurrentTime(Date.from(story.openedAt()));
        open();
        if (story.writesIn()) {
            Instant at = customerTime(story.openedAt().plus(minutes(40, 6 * 60)));
            writesIn = new Step(at, () -> {
                writesIn = null;
                inbox.customerWroteIn(reference, writtenMessage(), Channel.EMAIL.id());
            });
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            List<String> instances = runningInstances();
            if (instances.isEmpty()) {
                return reference;
            }
            Step next = nextStep(instances);
            if (next == null || next.at().isAfter(until)) {
                return reference;
            }
            if (next.at().isAfter(now())) {
                ClockUtil.setCurrentTime(Date.from(next.at()));
            }
            next.action().run();
        }
        throw new IllegalStateException("Case " + reference + " did not settle in " + MAX_STEPS + " steps");
    }

    private void open() {
        DemoCustomer customer = story.customer();
        if (customer.calledIn()) {
            // The agent who takes the call opens the case in Tasklist (the start form's initiator).
            ProcessInstance instance = people.as(people.agentFor(customer.language()), () -> engine.getRuntimeService()
                    .startProcessInstanceByKey(Processes.SUPPORT_CASE, customer.startVariables()));
            reference = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId())
                    .singleResult().getBusinessKey();
        } else {
            reference = intake.receive(customer.startVariables());
        }
    }

    // --- what happens next -------------------------------------------------------------------------------------------

    private Step nextStep(List<String> instances) {
        List<Step> candidates = new ArrayList<>();
        Job job = nextJob(instances);
        if (job != null) {
            Instant due = job.getDuedate() == null ? now() : job.getDuedate().toInstant();
            candidates.add(new Step(due, () -> engine.getManagementService().executeJob(job.getId())));
        }
        for (Task task : engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference).list()) {
            Step planned = plannedTasks.computeIfAbsent(task.getId(), id -> plan(task));
            if (planned != null) {
                candidates.add(planned);
            }
        }
        for (String instance : instances) {
            for (EventSubscription waiting : engine.getRuntimeService().createEventSubscriptionQuery()
                    .processInstanceId(instance).eventType("message").list()) {
                Step planned = plannedByCustomer.computeIfAbsent(waiting.getId(), id -> customerAnswers(waiting));
                if (planned != null) {
                    candidates.add(planned);
                }
            }
        }
        if (writesIn != null && isSupportCaseRunning()) {
            candidates.add(writesIn);
        }
        return candidates.stream().min(Comparator.comparing(Step::at)).orElse(null);
    }

    private Job nextJob(List<String> instances) {
        return engine.getManagementService().createJobQuery().processInstanceIds(new HashSet<>(instances))
                .withRetriesLeft().list().stream()
                .min(Comparator.comparing(j -> j.getDuedate() == null ? new Date(0) : j.getDuedate()))
                .orElse(null);
    }

    // --- the people --------------------------------------------------------------------------------------------------

    private Step plan(Task task) {
        if (story.waitsForTheSupervisor() && leftOpen(task.getTaskDefinitionKey())) {
            return null;
        }
        return switch (task.getTaskDefinitionKey()) {
            case "Task_ListenToCustomer" -> listen(task);
            case "Task_GiveFirstResponse" -> giveFirstResponse(task);
            case "Task_DiagnoseProblem" -> diagnose(task);
            case "Task_DiagnoseAsSpecialist" -> diagnoseAsSpecialist(task);
            case "Task_PromiseCallback" -> promiseCallback(task);
            case "Task_CallCustomerBack", "Task_CallCustomerAgain" ->
                    story.path() == DemoStory.Path.CANCELLED_AS_DUPLICATE ? cancelAsDuplicate(task) : callBack(task);
            case "Task_KeepPromiseAtRisk" -> keepPromiseAtRisk(task);
            case "Task_AnswerCustomerMessage" -> answerMessage(task);
            case "Task_DecideOnCustomerReply" -> decideOnReply(task);
            case "Task_DecideOnCustomerReplyAsSupervisor" -> decideOnReplyAsSupervisor(task);
            case "Task_ResolveProblem" -> resolve(task);
            case "Task_ApproveReimbursement" -> approveReimbursement(task);
            case "Task_ArrangeReimbursement" -> arrangeReimbursement(task, owner(task));
            case "Task_ArrangeReimbursementAsSupervisor" -> arrangeReimbursement(task, people.supervisor());
            case "Task_TraceDiscountOffer" -> traceDiscountOffer(task);
            case "Task_CallForALastChance" -> callForALastChance(task);
            case "Task_ReadSurveyComment" -> readSurveyComment(task);
            default -> null;
        };
    }

    /** The agent of the customer's language: who takes the calls and owns the case. */
    private String agent() {
        return people.agentFor(story.customer().language());
    }

    private String owner(Task task) {
        return task.getAssignee() != null ? task.getAssignee() : agent();
    }

    private static Instant created(Task task) {
        return task.getCreateTime().toInstant();
    }

    private DemoProblem problem() {
        return story.customer().problem();
    }

    private boolean german() {
        return story.customer().german();
    }

    private Step listen(Task task) {
        Instant created = created(task);
        Instant due = task.getDueDate().toInstant();
        Instant at;
        if (story.firstResponseLate()) {
            at = staffTime(due.plus(minutes(45, 150)));
        } else if (story.customer().calledIn()) {
            at = created.plus(minutes(1, 4));
        } else {
            Duration window = Duration.between(created, due);
            at = staffTime(created.plus(window.multipliedBy(10 + random.nextInt(50)).dividedBy(100)));
            if (!at.isBefore(due)) {
                at = due.minus(minutes(2, 10));
            }
        }
        DemoProblem problem = problem();
        return complete(task, at, agent(), Map.of("problemInCustomersWords", problem.description(),
                "factsGathered", problem.facts(), "questionsAsked", problem.questions(),
                "preferredContactChannel", story.customer().calledIn() ? "phone" : "email",
                "callbackNumber", story.customer().phone(), "discountRequested", story.discountRequested(),
                "spokeToCustomer", "yes"));
    }

    private Step giveFirstResponse(Task task) {
        String agent = agent();
        return complete(task, created(task).plus(minutes(8, 35)), people.supervisor(),
                Map.of("firstResponseNote", german()
                        ? "Kunde angerufen, Anliegen aufgenommen; " + agent + " übernimmt den Fall."
                        : "Called the customer, took down the problem; " + agent + " takes it from here.",
                        "reachedCustomerByPhone", "yes"));
    }

    /**
     * The first diagnosis is the story's. A callback that did not solve it brings the owner back here, who now knows
     * the next step and promises another call; a reopened case is solved at once. An owner who asked the customer
     * something keeps the diagnosis open while waiting for the answer: a customer who never answers leaves it open
     * until the work stops.
     */
    private Step diagnose(Task task) {
        if (story.path() == DemoStory.Path.NO_ANSWER_FROM_CUSTOMER && diagnoses > 0) {
            return null; // the owner waits on the customer's answer, which never comes
        }
        boolean callLeftItOpen = "reachedNotSolved".equals(lastCallOutcome);
        lastCallOutcome = null;
        String outcome = diagnoses++ == 0 ? story.path().diagnosis : callLeftItOpen ? "answerKnown" : "solved";
        Map<String, Object> entered = new HashMap<>(Map.of("diagnosis", problem().diagnosis(),
                "faultParty", "specialistNeeded".equals(outcome) ? "unknown" : story.faultParty(),
                "diagnosisOutcome", outcome));
        if ("waitForCustomer".equals(outcome)) {
            entered.put("customerQuestion", problem().questions());
        }
        return complete(task, staffTime(created(task).plus(minutes(5, 90))), owner(task), entered);
    }

    private Step diagnoseAsSpecialist(Task task) {
        return complete(task, staffTime(created(task).plus(minutes(40, 300))), people.specialist(),
                Map.of("specialistDiagnosis", problem().diagnosis(), "faultParty", story.faultParty(),
                        "diagnosisOutcome", story.path().specialistDiagnosis));
    }

    private Step promiseCallback(Task task) {
        Instant at = staffTime(created(task).plus(minutes(2, 15)));
        Instant callbackAt = story.callbackAt() != null ? story.callbackAt()
                : quarterHour(staffTime(at.plus(minutes(120, 26 * 60))), supportZone);
        return complete(task, at, owner(task), Map.of("nextActions", problem().nextActions(),
                "callbackAt", Date.from(callbackAt), "callbackNumber", story.customer().phone()));
    }

    /** The first callback and any call again after a voicemail: each call plays the story's next outcome. */
    private Step callBack(Task task) {
        Instant created = created(task);
        int call = calls++;
        String outcome = call < story.path().callbacks.size() ? story.path().callbacks.get(call) : "reachedSolved";
        lastCallOutcome = outcome;
        Instant at;
        if (task.getDueDate() == null) {
            at = staffTime(created.plus(minutes(5, 40)));
        } else if (story.promiseBroken() && call == 0) {
            at = staffTime(task.getDueDate().toInstant().plus(minutes(50, 180)));
        } else {
            Instant due = task.getDueDate().toInstant();
            at = due.minus(minutes(5, 60));
            if (!at.isAfter(created)) {
                at = created.plus(Duration.between(created, due).dividedBy(2));
            }
        }
        return complete(task, at, owner(task), Map.of("callbackOutcome", outcome, "callbackNotes", callNotes(outcome)));
    }

    /**
     * The customer's problem is worked in another case: before the promised callback an operator cancels this one in
     * Cockpit ("Cancel process instance": no reason, custom listeners and IO mappings skipped), its promise with it.
     */
    private Step cancelAsDuplicate(Task callback) {
        return new Step(beforeDue(callback, staffTime(created(callback).plus(minutes(20, 90)))),
                () -> people.as("demo", () -> {
                    engine.getRuntimeService().deleteProcessInstance(supportCaseId(), null, true, true, true);
                    return null;
                }));
    }

    private Step keepPromiseAtRisk(Task task) {
        String owner = owner(task);
        return complete(task, created(task).plus(minutes(10, 40)), people.supervisor(),
                Map.of("takeover", "colleague", "colleague", owner, "supervisorAction", german()
                        ? "Ich habe den Kunden selbst angerufen und mich entschuldigt; " + owner
                                + " ruft heute noch an."
                        : "I called the customer myself and apologised; the owner calls back today."));
    }

    private Step answerMessage(Task task) {
        Instant created = created(task);
        Instant at = staffTime(created.plus(minutes(15, 120)));
        if (task.getDueDate() != null && at.isAfter(task.getDueDate().toInstant())) {
            at = task.getDueDate().toInstant().minus(minutes(1, 5));
        }
        String nextActions = problem().nextActions();
        return complete(task, at.isAfter(created) ? at : created.plus(minutes(1, 3)), owner(task),
                Map.of("replyText", german() ? "Danke für Ihre Nachricht, wir sind dran: " + nextActions + "."
                        : "Thank you for your message, we are on it: " + nextActions + "."));
    }

    /** A message that reaches a resolved case: the owner hears the customer is content. */
    private Step decideOnReply(Task task) {
        return complete(task, beforeDue(task, staffTime(created(task).plus(minutes(15, 120)))), owner(task),
                customerConfirmsSolved());
    }

    /** The same, late: a supervisor decides. */
    private Step decideOnReplyAsSupervisor(Task task) {
        return complete(task, created(task).plus(minutes(5, 30)), people.supervisor(), customerConfirmsSolved());
    }

    private Map<String, Object> customerConfirmsSolved() {
        return Map.of("replyDecision", "confirmed", "replyNote", german()
                ? "Angerufen: Der Kunde bestätigt, dass alles gelöst ist."
                : "Called: the customer confirms it is solved.");
    }

    private Step resolve(Task task) {
        resolutions++;
        return complete(task, staffTime(created(task).plus(minutes(5, 45))), owner(task),
                Map.of("resolutionSummary", problem().resolution(), "faultParty", story.faultParty(),
                        "customerCost", story.customerCost(), "costOfTheMiss", story.customerCost()));
    }

    /** An overdue approval goes up to the administrators, and the demo administrator then decides. */
    private Step approveReimbursement(Task task) {
        boolean wentUp = wentUpToTheAdministrators(task);
        if (story.reimbursement() == DemoStory.Reimbursement.APPROVAL_OVERDUE && !wentUp) {
            return null;
        }
        return complete(task, beforeDue(task, staffTime(created(task).plus(minutes(30, 240)))),
                wentUp ? "demo" : people.supervisor(),
                story.reimbursement() == DemoStory.Reimbursement.DECLINED
                        ? Map.of("approvalDecision", "decline", "approvalNote",
                        "The receipt does not show the cost; asked the customer for the bank statement")
                        : Map.of("approvalDecision", "approve", "approvalNote", "Our error, the cost is documented"));
    }

    /**
     * Paid on the day the task appeared, after the reimbursement was decided, as the support team reads days typed on
     * a form (their zone): a UTC day could be the day before the decision, which the task refuses.
     */
    private Step arrangeReimbursement(Task task, String user) {
        Instant created = created(task);
        return complete(task, beforeDue(task, staffTime(created.plus(minutes(30, 300)))), user,
                Map.of("paymentMethod", "bankTransfer",
                        "paidOn", LocalDate.ofInstant(created, supportZone).toString(),
                        "paymentReference", "TRX-" + task.getId().substring(0, 8).toUpperCase(Locale.ROOT)));
    }

    private Step traceDiscountOffer(Task task) {
        return complete(task, staffTime(created(task).plus(minutes(60, 360))), people.supervisor(),
                Map.of("discountTrace", any("A comparison site lists a 'complain for a discount' tip",
                        "A sales rep promised discounts for complaints at a trade fair",
                        "An old newsletter advertised goodwill discounts")));
    }

    private Step callForALastChance(Task task) {
        return complete(task, beforeDue(task, staffTime(created(task).plus(minutes(120, 20 * 60)))),
                people.supervisor(), Map.of("lastChanceOutcome", story.lastChance().outcome,
                        "lastChanceNotes", lastChanceNotes()));
    }

    /** The survey said "we read every comment": the owner reads a comment and says what they did with it. */
    private Step readSurveyComment(Task task) {
        return complete(task, beforeDue(task, staffTime(created(task).plus(minutes(30, 8 * 60)))), owner(task),
                Map.of("commentFollowUp", german() ? "Gelesen und dem Kunden für die Rückmeldung gedankt."
                        : "Read it and thanked the customer for the feedback."));
    }

    /**
     * The tasks a case for the supervisor leaves open: the supervisor's, and for a promise at risk the owner's callback
     * too (it is late, which is what put the promise at risk).
     */
    private boolean leftOpen(String taskKey) {
        return taskKey.equals(story.forTheSupervisor().task)
                || story.forTheSupervisor() == DemoStory.ForTheSupervisor.PROMISE_AT_RISK
                && taskKey.equals("Task_CallCustomerBack");
    }

    private boolean wentUpToTheAdministrators(Task task) {
        return "camunda-admin".equals(engine.getTaskService().getVariable(task.getId(), "approvalGroups"));
    }

    private Step complete(Task task, Instant at, String user, Map<String, Object> entered) {
        Instant when = story.waitsForTheSupervisor() ? task.getCreateTime().toInstant().plus(minutes(2, 6)) : at;
        return new Step(when, () -> people.as(user, () -> {
            if (task.getAssignee() == null) {
                engine.getTaskService().claim(task.getId(), user);
            }
            engine.getTaskService().complete(task.getId(), entered);
            return null;
        }));
    }

    // --- the customer ------------------------------------------------------------------------------------------------

    private Step customerAnswers(EventSubscription waiting) {
        Step answer = customerAnswersInTime(waiting);
        // A case for the supervisor's today: the customer answers within minutes.
        return answer == null || !story.waitsForTheSupervisor() ? answer
                : new Step(now().plus(minutes(5, 15)), answer.action());
    }

    private Step customerAnswersInTime(EventSubscription waiting) {
        Instant now = now();
        return switch (waiting.getEventName()) {
            case CaseInbox.RESOLUTION_CONFIRMED -> {
                boolean firstTime = resolutions <= 1;
                DemoStory.AfterResolution after = firstTime ? story.afterResolution()
                        : story.afterResolution() == DemoStory.AfterResolution.REOPENS
                                ? DemoStory.AfterResolution.CONFIRMS
                        : story.afterResolution();
                yield switch (after) {
                    case CONFIRMS -> new Step(customerTime(now.plus(minutes(30, 36 * 60))),
                            () -> inbox.customerConfirmedResolution(reference));
                    case REOPENS -> new Step(customerTime(now.plus(minutes(60, 24 * 60))),
                            () -> inbox.customerReopened(reference, story.customer().german()
                                    ? "Das Problem ist wieder aufgetreten." : "It happened again this morning."));
                    case STAYS_QUIET -> null;
                };
            }
            case CaseInbox.CUSTOMER_CALLED_IN -> story.path() == DemoStory.Path.VOICEMAIL_THEN_CUSTOMER_CALLS
                    ? new Step(now.plus(minutes(15, 90)), () -> inbox.customerCalledIn(reference,
                    story.customer().german() ? "Rückruf auf die Sprachnachricht." : "Returning your call."))
                    : null;
            case SurveyAnswers.SURVEY_ANSWERED -> story.rating() == null ? null
                    : new Step(customerTime(now.plus(minutes(20, 3 * 24 * 60))),
                    () -> surveyAnswers.answer(reference, surveyToken(), story.rating(), surveyComment()));
            default -> null;
        };
    }

    /** The token in the survey link the customer got, as their click on it sends it. */
    private String surveyToken() {
        CustomerMessage survey = messages.ofCase(reference).stream()
                .filter(m -> m.kind() == MessageKind.SATISFACTION_SURVEY).reduce((first, last) -> last).orElseThrow();
        Matcher token = SURVEY_TOKEN.matcher(survey.body());
        if (!token.find()) {
            throw new IllegalStateException("No survey link in the survey message of case " + reference);
        }
        return token.group(1);
    }

    // --- words -------------------------------------------------------------------------------------------------------

    private String writtenMessage() {
        return story.customer().german() ? any("Gibt es schon Neuigkeiten?", "Ich habe noch ein Foto angehängt.",
                "Bitte rufen Sie mich lieber auf dem Handy an.")
                : any("Any news on this?", "I attached a screenshot of the error.", "Please call my mobile instead.");
    }

    private String callNotes(String outcome) {
        boolean german = story.customer().german();
        return switch (outcome) {
            case "reachedSolved" -> german ? "Erreicht, Lösung erklärt, Kunde ist einverstanden."
                    : "Reached, explained the fix, customer agrees.";
            case "reachedNotSolved" -> german ? "Erreicht, aber noch nicht gelöst; neuer Termin vereinbart."
                    : "Reached, not solved yet; agreed a new time.";
            default -> german ? "Nicht erreicht, Mailbox." : "No answer, voicemail.";
        };
    }

    private String surveyComment() {
        boolean german = story.customer().german();
        return switch (story.rating()) {
            case 5 -> german ? "Schnell und freundlich, danke!" : "Quick and friendly, thank you!";
            case 4 -> german ? "Gut gelöst, hat etwas gedauert." : "Solved well, took a little while.";
            case 3 -> german ? "In Ordnung." : "It was okay.";
            case 2 -> german ? "Der Rückruf kam nicht wie versprochen." : "The callback did not come when promised.";
            default -> german ? "Viel zu lange gewartet." : "Far too long, and I had to chase you.";
        };
    }

    private String lastChanceNotes() {
        return switch (story.lastChance()) {
            case STAYS -> "Listened, apologised for the wait; the customer stays with us.";
            case LEAVES -> "Listened; the customer has moved to another provider already.";
            case NO_ANSWER -> "Tried twice, no answer; left no message.";
        };
    }

    // --- time --------------------------------------------------------------------------------------------------------

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private Duration minutes(int from, int to) {
        return Duration.ofMinutes(from + random.nextInt(to - from + 1));
    }

    /**
     * When the team works: Monday to Saturday 08:00-19:00 in its zone; enterprise cases are worked around the clock.
     */
    private Instant staffTime(Instant at) {
        if (Plan.ENTERPRISE.id().equals(story.customer().plan())) {
            return at;
        }
        ZonedDateTime local = at.atZone(supportZone);
        if (inWorkingHours(local)) {
            return at;
        }
        ZonedDateTime next = local.getHour() < 8 ? local : local.plusDays(1);
        if (next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next.withHour(8).withMinute(5 + random.nextInt(50)).toInstant();
    }

    /** When customers do things: not at night, in the support team's zone (which the customers' times are told in). */
    private Instant customerTime(Instant at) {
        ZonedDateTime local = at.atZone(supportZone);
        if (local.getHour() >= 7 && local.getHour() < 22) {
            return at;
        }
        ZonedDateTime next = local.getHour() < 7 ? local : local.plusDays(1);
        return next.withHour(7).withMinute(random.nextInt(60)).toInstant();
    }

    private static boolean inWorkingHours(ZonedDateTime local) {
        return local.getDayOfWeek() != DayOfWeek.SUNDAY && local.getHour() >= 8 && local.getHour() < 19;
    }

    /**
     * The next quarter hour after {@code at}; the one before it when the next would leave the working hours {@code at}
     * is in (18:50 is promised for 18:45, not 19:00).
     */
    static Instant quarterHour(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone).withSecond(0).withNano(0);
        ZonedDateTime before = local.withMinute(local.getMinute() / 15 * 15);
        ZonedDateTime after = before.plusMinutes(15);
        return inWorkingHours(local) && !inWorkingHours(after) ? before.toInstant() : after.toInstant();
    }

    private Instant beforeDue(Task task, Instant at) {
        if (task.getDueDate() == null || at.isBefore(task.getDueDate().toInstant())) {
            return at;
        }
        Instant created = task.getCreateTime().toInstant();
        return created.plus(Duration.between(created, task.getDueDate().toInstant()).dividedBy(2));
    }

    private String any(String... values) {
        return values[random.nextInt(values.length)];
    }

    // --- the case's process instances --------------------------------------------------------------------------------

    private List<String> runningInstances() {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference).list()
                .stream().map(ProcessInstance::getId).toList();
    }

    private String supportCaseId() {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(Processes.SUPPORT_CASE).singleResult().getId();
    }

    private boolean isSupportCaseRunning() {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(Processes.SUPPORT_CASE).count() > 0;
    }
}
