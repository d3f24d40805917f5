package com.followthrough.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.MessageKind;
import com.followthrough.promise.Promise;
import com.followthrough.promise.Promises;
import com.followthrough.servicelevel.CaseDeadlines;
import com.followthrough.vocabulary.Processes;

/**
 * Drives one support case through the real engine the way people and time would: start it, complete
 * tasks as a named user, run the asynchronous steps, move the clock and fire the timers that are due.
 * Everything is looked up by the case reference, so tasks in the called KeepPromise process are found too.
 */
public class CaseDriver {

    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final Instant MONDAY_9AM = berlin(ProcessTest.MONDAY_MORNING);
    private static final Pattern SURVEY_TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private final ProcessEngine engine;
    private final CaseInbox inbox;
    private final CustomerMessages messages;
    private final Promises promises;
    public final ProcessInstance instance;
    public final String reference;

    private CaseDriver(ProcessEngine engine, CaseInbox inbox, CustomerMessages messages, Promises promises,
                       ProcessInstance instance) {
        this.engine = engine;
        this.inbox = inbox;
        this.messages = messages;
        this.promises = promises;
        this.instance = instance;
        this.reference = instance.getBusinessKey();
    }

    /** A new member of {@code team}, as an administrator adds one in the Admin webapp; delete them when done. */
    public static void joins(ProcessEngine engine, String userId, String firstName, String lastName, String team) {
        joinsWithPassword(engine.getIdentityService(), userId, null, firstName, lastName, team);
    }

    /**
     * A new user who signs in to the webapps with {@code password} (none: they cannot sign in), in {@code groups}, as
     * an administrator adds one in the Admin webapp; delete them when done.
     */
    public static void joinsWithPassword(IdentityService identity, String userId, String password, String firstName,
                                         String lastName, String... groups) {
        var user = identity.newUser(userId);
        user.setPassword(password);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        identity.saveUser(user);
        for (String group : groups) {
            identity.createMembership(userId, group);
        }
    }

    public static Map<String, Object> caseFromJane() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("customerName", "Jane Doe");
        variables.put("customerEmail", "jane@example.org");
        variables.put("customerPhone", "+1 555 0100");
        variables.put("plan", "premium");
        variables.put("language", "en");
        variables.put("channel", "email");
        variables.put("priority", "normal");
        variables.put("subject", "Invoice shows the wrong amount");
        variables.put("description", "I was charged twice for November and my bank account is overdrawn.");
        return variables;
    }

    public static CaseDriver open(ProcessEngine engine, CaseInbox inbox, CustomerMessages messages, Promises promises,
                           Map<String, Object> startVariables) {
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(Processes.SUPPORT_CASE, startVariables);
        CaseDriver driver = new CaseDriver(engine, inbox, messages, promises, instance);
        driver.runAsyncSteps();
        return driver;
    }

    // --- people --------------------------------------------------------------------------------------------------

    public Task task(String taskDefinitionKey) {
        List<Task> tasks = engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(reference).taskDefinitionKey(taskDefinitionKey).list();
        assertThat(tasks).as("open tasks %s of case %s", taskDefinitionKey, reference).hasSize(1);
        return tasks.get(0);
    }

    public List<Task> openTasks() {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference).list();
    }

    /** The user takes the open task from their team's queue, as "Claim" in Tasklist does; the task's id. */
    public String claim(String taskDefinitionKey, String user) {
        String taskId = task(taskDefinitionKey).getId();
        engine.getTaskService().claim(taskId, user);
        return taskId;
    }

    /** The user claims the task if nobody has it yet, completes it with what they entered, and async steps run. */
    public CaseDriver complete(String taskDefinitionKey, String user, Map<String, Object> entered) {
        Task task = task(taskDefinitionKey);
        if (task.getAssignee() == null) {
            engine.getTaskService().claim(task.getId(), user);
        }
        engine.getTaskService().complete(task.getId(), entered);
        runAsyncSteps();
        return this;
    }

    public CaseDriver listen(String agent, Map<String, Object> extra) {
        Map<String, Object> entered = new HashMap<>(Map.of(
                "problemInCustomersWords", "Charged twice for November, account overdrawn",
                "factsGathered", "Two debits of 49 EUR on 2 Nov; bank charged a 15 EUR overdraft fee",
                "questionsAsked", "Which card? Since when?",
                "preferredContactChannel", "phone",
                "callbackNumber", "+1 555 0100",
                "discountRequested", false,
                "spokeToCustomer", "yes"));
        entered.putAll(extra);
        return complete("Task_ListenToCustomer", agent, entered);
    }

    public CaseDriver diagnose(String outcome, String faultParty) {
        return complete("Task_DiagnoseProblem", null, Map.of("diagnosis", "Billing run charged twice",
                "faultParty", faultParty, "diagnosisOutcome", outcome));
    }

    public CaseDriver promiseCallbackIn(Duration fromNow) {
        String callbackAt = now().plus(fromNow).atOffset(ZoneOffset.ofHours(1)).toString();
        return complete("Task_PromiseCallback", null, Map.of("nextActions", "Ask billing to reverse the second debit",
                "callbackAt", callbackAt, "callbackNumber", "+1 555 0100"));
    }

    public CaseDriver callBack(String taskDefinitionKey, String outcome) {
        return complete(taskDefinitionKey, null, Map.of("callbackOutcome", outcome, "callbackNotes", "Spoke about the refund"));
    }

    public CaseDriver resolve(String faultParty, double customerCost) {
        return resolve(faultParty, customerCost, 0.0);
    }

    /** Resolves with the documented cost and, of that, the cost a missed guarantee or broken promise caused. */
    public CaseDriver resolve(String faultParty, double customerCost, double costOfTheMiss) {
        return complete("Task_ResolveProblem", null, Map.of("resolutionSummary", "The second debit was reversed",
                "faultParty", faultParty, "customerCost", customerCost, "costOfTheMiss", costOfTheMiss));
    }

    /** The owner (or whoever holds the task) records that the offered reimbursement was paid today. */
    public CaseDriver arrangeReimbursement(String taskDefinitionKey, String user) {
        return complete(taskDefinitionKey, user, Map.of("paymentMethod", "bankTransfer",
                "paidOn", LocalDate.ofInstant(now(), BERLIN).toString(), "paymentReference", "TRX-2026-4711"));
    }

    /**
     * A case closed after a broken promise: anna promises a callback in an hour, it falls due, maria takes it over and
     * calls, anna resolves and the customer confirms. CustomerFeedback brings the last-chance call at once.
     */
    public CaseDriver closeAfterABrokenPromise() {
        return listen("anna", Map.of()).diagnose("answerKnown", "company").promiseCallbackIn(Duration.ofHours(1))
                .timePasses(Duration.ofHours(1)).timerFires("Event_CallbackDue")
                .complete("Task_KeepPromiseAtRisk", "maria",
                        Map.of("takeover", "myself", "supervisorAction", "Called myself"))
                .callBack("Task_CallCustomerBack", "reachedSolved")
                .resolve("company", 0).customerConfirmsTheSolution();
    }

    /** "Call for a last chance" as a supervisor completes it: the customer stays if we call back {@code fromNow}. */
    public static Map<String, Object> lastChanceCallbackIn(Duration fromNow) {
        return Map.of("lastChanceOutcome", "stays", "lastChanceNotes", "She stays if we call once the refund is booked",
                "lastChanceCallbackPromised", true, "nextActions", "Check the refund is booked and call you",
                "callbackAt", now().plus(fromNow).atOffset(ZoneOffset.ofHours(1)).toString(),
                "callbackNumber", "+1 555 0100");
    }

    /** The shortest way to the end of a case: anna solves it at first contact and the customer confirms. */
    public CaseDriver solveAtFirstContactAndClose() {
        return listen("anna", Map.of()).diagnose("solved", "company").resolve("company", 0).customerConfirmsTheSolution();
    }

    // --- the customer ---------------------------------------------------------------------------------------------

    public CaseDriver customerWrites(String text) {
        assertThat(inbox.customerWroteIn(reference, text, "email")).as("the message reached case %s", reference)
                .isEqualTo(CaseInbox.Outcome.ATTACHED);
        runAsyncSteps();
        return this;
    }

    public CaseDriver customerConfirmsTheSolution() {
        inbox.customerConfirmedResolution(reference);
        runAsyncSteps();
        return this;
    }

    public CaseDriver customerReopens() {
        inbox.customerReopened(reference, "Still charged twice");
        runAsyncSteps();
        return this;
    }

    public List<MessageKind> messagesSent() {
        return messages.ofCase(reference).stream()
                .filter(m -> m.direction() == CustomerMessage.Direction.OUTBOUND)
                .map(CustomerMessage::kind).toList();
    }

    public List<CustomerMessage> messages() {
        return messages.ofCase(reference);
    }

    /** The token in the link of the satisfaction survey the customer received after closing. */
    public String surveyToken() {
        CustomerMessage survey = messages().stream().filter(m -> m.kind() == MessageKind.SATISFACTION_SURVEY)
                .findFirst().orElseThrow(() -> new AssertionError("no satisfaction survey sent for case " + reference));
        Matcher token = SURVEY_TOKEN.matcher(survey.body());
        assertThat(token.find()).as("survey link with a token in: %s", survey.body()).isTrue();
        return token.group(1);
    }

    public List<Promise> promises() {
        return promises.ofCase(reference);
    }

    // --- time -----------------------------------------------------------------------------------------------------

    /** A wall-clock time of the support team, e.g. "2026-11-20T16:30" (a Friday). */
    public static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public CaseDriver timePasses(Duration duration) {
        ClockUtil.setCurrentTime(Date.from(now().plus(duration)));
        return this;
    }

    public CaseDriver timeIs(Date moment) {
        ClockUtil.setCurrentTime(moment);
        return this;
    }

    /** Fires the timer on that activity, which must be due by now, then runs what follows. */
    public CaseDriver timerFires(String activityId) {
        timerFiresBeforeTheStepsAfterIt(activityId);
        runAsyncSteps();
        return this;
    }

    /**
     * Fires the timer on that activity, which must be due by now, and leaves the asynchronous steps after it waiting:
     * the moment between a timer's transaction and the job executor's next one. A repeating timer whose firing failed
     * on a clash has two jobs for a while, the failed one and the next firing: each that is due fires, earliest first,
     * as the job executor would run them, and one not yet due waits.
     */
    public CaseDriver timerFiresBeforeTheStepsAfterIt(String activityId) {
        List<Job> timers = jobs(activityId, true);
        assertThat(timers).as("timers at %s of case %s", activityId, reference).isNotEmpty();
        List<Job> due = timers.stream().filter(timer -> !timer.getDuedate().after(Date.from(now())))
                .sorted(Comparator.comparing(Job::getDuedate)).toList();
        assertThat(due).as("timer %s is due", activityId).isNotEmpty();
        due.forEach(timer -> engine.getManagementService().executeJob(timer.getId()));
        return this;
    }

    /** Every timer of the case (and of its promises) due by now fires, as the job executor would, until none is. */
    public CaseDriver dueTimersFire() {
        for (int round = 0; round < 20; round++) {
            List<Job> due = new ArrayList<>();
            for (String id : processInstanceIds()) {
                due.addAll(engine.getManagementService().createJobQuery().processInstanceId(id).timers()
                        .duedateLowerThen(Date.from(now().plusMillis(1))).list());
            }
            if (due.isEmpty()) {
                return this;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
            runAsyncSteps();
        }
        throw new AssertionError("timers keep falling due for case " + reference);
    }

    /** Whether a step of that activity waits for the job executor (see {@link #timerFiresBeforeTheStepsAfterIt}). */
    public boolean asyncStepWaits(String activityId) {
        return !jobs(activityId, false).isEmpty();
    }

    /** Runs the one step of that activity that waits for the job executor, and nothing after it that waits too. */
    public CaseDriver asyncStepRuns(String activityId) {
        engine.getManagementService().executeJob(job(activityId, false).getId());
        return this;
    }

    /**
     * Runs every asynchronous step waiting, and those they lead to, except the one of that activity, which stays
     * queued: what the job executor did in between, as a step of another transaction overtakes it.
     */
    public CaseDriver asyncStepsRunExcept(String activityId) {
        for (int round = 0; round < 20; round++) {
            List<String> kept = jobs(activityId, false).stream().map(Job::getId).toList();
            List<Job> others = new ArrayList<>();
            for (String id : processInstanceIds()) {
                engine.getManagementService().createJobQuery().processInstanceId(id).messages().list().stream()
                        .filter(job -> !kept.contains(job.getId())).forEach(others::add);
            }
            if (others.isEmpty()) {
                return this;
            }
            others.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("asynchronous steps keep coming for case " + reference);
    }

    public boolean hasTimer(String activityId) {
        return !jobs(activityId, true).isEmpty();
    }

    /**
     * When the timer on that activity falls due; of a repeating timer that has two jobs after a failed firing (see
     * {@link #timerFiresBeforeTheStepsAfterIt}), the later: by then both are due.
     */
    public Date timerDueDate(String activityId) {
        List<Job> timers = jobs(activityId, true);
        assertThat(timers).as("timers at %s of case %s", activityId, reference).isNotEmpty();
        return timers.stream().map(Job::getDuedate).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** Runs every asynchronous continuation (messages to the customer) that is waiting, as the job executor would. */
    public void runAsyncSteps() {
        for (int round = 0; round < 20; round++) {
            List<Job> waiting = new ArrayList<>();
            for (String id : processInstanceIds()) {
                waiting.addAll(engine.getManagementService().createJobQuery().processInstanceId(id).messages().list());
            }
            if (waiting.isEmpty()) {
                return;
            }
            waiting.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("asynchronous steps keep coming for case " + reference);
    }

    private Job job(String activityId, boolean timer) {
        List<Job> jobs = jobs(activityId, timer);
        assertThat(jobs).as("jobs at %s of case %s", activityId, reference).hasSize(1);
        return jobs.get(0);
    }

    private List<Job> jobs(String activityId, boolean timer) {
        List<Job> jobs = new ArrayList<>();
        for (String id : processInstanceIds()) {
            var query = engine.getManagementService().createJobQuery().processInstanceId(id).activityId(activityId);
            jobs.addAll(timer ? query.timers().list() : query.messages().list());
        }
        return jobs;
    }

    private List<String> processInstanceIds() {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference).list()
                .stream().map(ProcessInstance::getId).toList();
    }

    /**
     * A case variable as the case's steps read it now; for those kept without history (the service-level targets,
     * {@code OpenCaseFileDelegate.SERVICE_LEVEL_TARGETS}), which {@link #variable} does not find.
     */
    public Object variableNow(String name) {
        return engine.getRuntimeService().getVariable(instance.getId(), name);
    }

    /** A count in the case's row of {@code ft_case_fact}, as the insights read it ({@code reopened}, ...). */
    public int caseFact(JdbcClient jdbc, String column) {
        return jdbc.sql("SELECT " + column + " FROM ft_case_fact WHERE process_instance_id = ?")
                .param(instance.getId()).query(Integer.class).single();
    }

    /** Whether one of the case's promises (its KeepPromise instances) passed {@code activityId}. */
    public boolean promisePassed(String activityId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().activityId(activityId).finished().list()
                .stream().anyMatch(passed -> instance.getId().equals(passed.getRootProcessInstanceId()));
    }

    /** A variable that one of the case's promises (its KeepPromise instances) has; more than one fails the test. */
    public Object promiseVariable(String name) {
        List<Object> values = engine.getHistoryService().createHistoricVariableInstanceQuery().variableName(name).list()
                .stream()
                .filter(v -> instance.getId().equals(v.getRootProcessInstanceId()))
                .filter(v -> !instance.getId().equals(v.getProcessInstanceId()))
                .map(v -> v.getValue()).toList();
        if (values.size() != 1) {
            throw new AssertionError(values.size() + " promises of the case have a variable " + name + ": " + values);
        }
        return values.get(0);
    }

    /** One update interval of the plan's working time from now: the supervisors' window before the administrators. */
    public Date oneUpdateIntervalFromNow(CaseDeadlines deadlines) {
        return deadlines.after((String) engine.getRuntimeService().getVariable(instance.getId(), "updateInterval"),
                (String) variable("plan"));
    }

    public Object variable(String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(name).list().stream()
                .filter(v -> instance.getId().equals(v.getActivityInstanceId()))
                .findFirst().orElseThrow(() -> new AssertionError("no case variable " + name))
                .getValue();
    }
}
