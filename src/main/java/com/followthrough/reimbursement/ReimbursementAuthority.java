package com.followthrough.reimbursement;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.time.ZoneId;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.AgentTime;
import com.followthrough.RefusedEntryException;
import com.followthrough.SupportProperties;
import com.followthrough.TaskActor;
import com.followthrough.feedback.ReimbursementInFeedback;
import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;

/**
 * "Approve the reimbursement" is decided by someone with the authority for the amount (W5: "if you don't have the
 * authority ... hurry up and get me to someone who does"): a supervisor up to
 * {@code follow-through.reimbursement.supervisor-authority}, an administrator ({@code camunda-admin}) for any amount.
 * Declining is a decision on the customer's money too, so it needs the same authority. On create the supervisors'
 * authority is put on the task for the form's help text; on complete a decision above the decider's authority is
 * refused with who can decide instead, and the task stays open. A decision taken after the case closed reaches the
 * case's feedback too ({@link ReimbursementInFeedback}).
 */
@Component("reimbursementAuthority")
public class ReimbursementAuthority implements TaskListener {

    private final People people;
    private final ReimbursementInFeedback feedback;
    private final BigDecimal supervisorAuthority;
    private final ZoneId supportZone;

    public ReimbursementAuthority(People people, ReimbursementInFeedback feedback, SupportProperties properties) {
        this.people = people;
        this.feedback = feedback;
        this.supervisorAuthority = properties.reimbursement().supervisorAuthority();
        this.supportZone = properties.support().timeZone();
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariableLocal("supervisorAuthority", euros(supervisorAuthority));
            return;
        }
        BigDecimal amount = new BigDecimal(String.valueOf(task.getVariable("reimbursementAmount")));
        String decider = TaskActor.of(task);
        Optional<BigDecimal> authority = authorityOf(decider);
        if (authority.isPresent() && amount.compareTo(authority.get()) > 0) {
            throw new RefusedEntryException("This reimbursement of " + euros(amount) + " EUR is above your authority ("
                    + (authority.get().signum() == 0 ? "only supervisors and administrators decide on reimbursements"
                            : "supervisors decide up to " + euros(authority.get()) + " EUR")
                    + "), so you can neither approve nor decline it. Hand this task to someone who can decide: "
                    + whoCanDecide(amount) + (task.getDueDate() == null ? "." : ". If nobody decides by "
                    + AgentTime.readable(task.getDueDate().toInstant(), supportZone) + ", " + whatHappensWhenLate(task)
                    + " nothing is offered until they decide."));
        }
        task.setVariable("approvalDecidedBy", decider);
        feedback.copy(task.getExecution().getProcessBusinessKey(), task);
    }

    /**
     * The candidate groups of "Approve the reimbursement" for this amount: the supervisors, and the administrators
     * too when the amount is above the supervisors' authority (the supervisors still see it, and can hand it on).
     */
    public String approvers(Object amount) {
        BigDecimal value = new BigDecimal(String.valueOf(amount));
        return value.compareTo(supervisorAuthority) <= 0 ? SupportGroups.SUPERVISORS
                : SupportGroups.SUPERVISORS + "," + SupportGroups.CAMUNDA_ADMIN;
    }

    /**
     * What Event_ApprovalOverdue does: an approval the administrators hold already (above the supervisors' authority,
     * or one that ran out) stays with them and the customer is told a later date; the supervisors' alone goes up.
     */
    private static String whatHappensWhenLate(DelegateTask task) {
        boolean withTheAdministrators = String.valueOf(task.getVariable("approvalGroups"))
                .contains(SupportGroups.CAMUNDA_ADMIN);
        return withTheAdministrators
                ? "the customer is told a later date and it stays with the administrators, who have it already;"
                : "it goes to the administrators and";
    }

    /** Empty: no limit. */
    Optional<BigDecimal> authorityOf(String userId) {
        if (people.isMember(userId, SupportGroups.CAMUNDA_ADMIN)) {
            return Optional.empty();
        }
        return Optional.of(people.isMember(userId, SupportGroups.SUPERVISORS) ? supervisorAuthority : BigDecimal.ZERO);
    }

    private String whoCanDecide(BigDecimal amount) {
        boolean supervisorsCan = amount.compareTo(supervisorAuthority) <= 0;
        String group = supervisorsCan ? SupportGroups.SUPERVISORS : SupportGroups.CAMUNDA_ADMIN;
        String names = people.membersOf(group).stream().map(People::named).collect(Collectors.joining(", "));
        return (supervisorsCan ? "a supervisor" : "an administrator (group " + SupportGroups.CAMUNDA_ADMIN + ")")
                + (names.isEmpty() ? "" : ", that is " + names);
    }

    static String euros(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(amount);
    }
}
