package com.followthrough.intake;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.CustomerWords;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Priority;

/**
 * "Open the case file": checks the start variables, gives the case its reference (also the business key,
 * so Tasklist and Cockpit show it) and records the settings the later steps and timers read.
 */
@Component("openCaseFile")
public class OpenCaseFileDelegate implements JavaDelegate {

    /**
     * Settings the case keeps a copy of, so that its later steps and timers read them where they read the case: they
     * come from application.yaml, not from the customer or an agent, and never change in a case, so their history
     * (a row in ACT_HI_VARINST and one in ACT_HI_DETAIL each, per case) tells nobody anything.
     */
    public static final Set<String> SETTINGS_COPIES = Set.of(CaseVariable.SUPPORT_PHONE_NUMBER.name(), "quietPeriod",
            "reimbursementApprovalWindow", "reimbursementArrangementWindow", "reimbursementOwnerWindow");

    /**
     * What the case derives here from its own variables for its steps to read, kept without history like the settings
     * copies: the tasks' priority, a number that follows the case's priority, whose own history records every change.
     * Its history cost two statements on every opened case, every promise kept and every feedback (they copy it), and
     * every priority change (issue 16).
     */
    public static final Set<String> DERIVED_COPIES = Set.of(CaseVariable.TASK_PRIORITY.name());

    /**
     * The service-level targets "Determine the service levels" sets right after this step, kept without history like
     * the copies above: the decision's own history (ACT_HI_DECINST and its outputs, with the case's process instance
     * id, shown on the case's timeline) records the four the case was opened with, and every later value is recorded
     * with the change that set it ({@code serviceLevelChanges}, with history). Nothing read their variable history; it
     * cost eight statements on every opened case (issue 16).
     */
    public static final Set<String> SERVICE_LEVEL_TARGETS = Set.of("firstResponseTarget", CaseVariable.UPDATE_INTERVAL.name(),
            "resolutionTarget", "nextReplyTarget");

    /**
     * The customer's whole text when the description is its shortened copy ({@link CustomerWords#forAVariable}, a
     * message about a closed case that opens its follow-up, {@link FollowUpCases}): a transient start variable, never
     * stored, recorded here as the case's first message from the customer.
     */
    static final String WHOLE_DESCRIPTION = "descriptionWhole";

    private final CaseReferences references;
    private final EngineClock clock;
    private final SupportProperties properties;
    private final CustomerMessages messages;

    public OpenCaseFileDelegate(CaseReferences references, EngineClock clock, SupportProperties properties,
                                CustomerMessages messages) {
        this.references = references;
        this.clock = clock;
        this.properties = properties;
        this.messages = messages;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<CaseStart.Problem> problems = CaseStart.problems(execution.getVariables());
        if (!problems.isEmpty()) {
            throw new InvalidCaseException(problems);
        }
        String reference = references.next();
        execution.setProcessBusinessKey(reference);
        CaseVariable.CASE_REFERENCE.set(execution, reference);
        execution.setVariable("openedAt", clock.nowAsDate());
        CaseVariable.TASK_PRIORITY.set(execution, Priority.of(CaseVariable.PRIORITY.get(execution)).orElse(Priority.NORMAL).taskPriority());
        CaseVariable.CALLBACK_NUMBER.set(execution, CaseVariable.CUSTOMER_PHONE.get(execution));
        keepTheWholeDescription(execution, reference);
        // Listen starts from what was written at intake, editable, so nobody types the problem twice (issue 14).
        execution.setVariable("problemInCustomersWords", CaseVariable.DESCRIPTION.text(execution));
        CaseVariable.SUPPORT_PHONE_NUMBER.set(execution, properties.support().phoneNumber());
        // No discountRequested here: the forms that ask it start unticked, and every reader takes none as no (issue 16).
        // No customerCost or costOfTheMiss = 0.0: Resolve asks for them (its form starts at 0), and every reader takes none as 0.
        execution.setVariable("quietPeriod", properties.cases().quietPeriod().toString());
        execution.setVariable("reimbursementApprovalWindow", properties.reimbursement().approvalWindow().toString());
        execution.setVariable("reimbursementArrangementWindow", properties.reimbursement().arrangementWindow().toString());
        execution.setVariable("reimbursementOwnerWindow", properties.reimbursement().ownerWindow().toString());
        // Counted from the start, so the first message and the close update one row and never both insert it.
        CaseVariable.ANSWERS_OWED.set(execution, 0);
        // No reimbursementDecided = false: the decision sets it, and "Owed at an earlier resolution?" takes none as no.
    }

    /**
     * A description that is the shortened copy of a longer text given with it ({@value #WHOLE_DESCRIPTION}): the whole
     * text is recorded as what the customer wrote, and the copy names the case file it is in, now that the case has a
     * reference. A whole text the description is not the copy of is no part of this case, and ignored.
     */
    private void keepTheWholeDescription(DelegateExecution execution, String reference) {
        if (!(execution.getVariable(WHOLE_DESCRIPTION) instanceof String whole)
                || whole.length() <= CustomerWords.MAX_IN_A_VARIABLE
                || !CustomerWords.forAVariable(whole, null).equals(CaseVariable.DESCRIPTION.text(execution))) {
            return;
        }
        messages.recordInbound(reference, execution.getProcessInstanceId(), execution.getActivityInstanceId(),
                CaseVariable.CHANNEL.get(execution),
                CaseVariable.LANGUAGE.get(execution), whole, clock.now());
        CaseVariable.DESCRIPTION.set(execution, CustomerWords.forAVariable(whole, reference));
    }
}
