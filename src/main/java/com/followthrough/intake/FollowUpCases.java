package com.followthrough.intake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

import com.followthrough.AsTheApplication;
import com.followthrough.FieldChecks;
import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;
import com.followthrough.communication.CustomerWords;
import com.followthrough.organization.People;
import com.followthrough.organization.SupportGroups;
import com.followthrough.vocabulary.CaseVariable;
import com.followthrough.vocabulary.Processes;

/**
 * A customer who writes or calls about a closed case is never turned away (W8): the message opens a new case linked
 * to the original ({@code followUpOf}), with the message as its description; a longer one than a variable holds is
 * kept whole as the case's first message, the description a shortened copy that says so. Within
 * {@code follow-through.cases.follow-up-period} of closing it is a follow-up for the original owner, while that
 * person is still an agent; after that, a new case for the team.
 */
@Service
public class FollowUpCases {

    /** What the new case takes over from the original: who the customer is and how we speak to them. */
    private static final List<CaseVariable<String>> CARRIED_OVER = List.of(CaseVariable.CUSTOMER_NAME,
            CaseVariable.CUSTOMER_EMAIL, CaseVariable.CUSTOMER_PHONE, CaseVariable.PLAN, CaseVariable.LANGUAGE,
            CaseVariable.PRIORITY);

    private final HistoryService history;
    private final IdentityService identityService;
    private final CaseIntake intake;
    private final People people;
    private final EngineClock clock;
    private final Period followUpPeriod;

    public FollowUpCases(HistoryService history, IdentityService identityService, CaseIntake intake, People people,
                         EngineClock clock, SupportProperties properties) {
        this.history = history;
        this.identityService = identityService;
        this.intake = intake;
        this.people = people;
        this.clock = clock;
        this.followUpPeriod = properties.cases().followUpPeriod();
    }

    /** Opens the case that carries the customer's message about a closed case; answers its reference. */
    public String open(String closedReference, Instant closedAt, String text, String channel) {
        HistoricProcessInstance original = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(Processes.SUPPORT_CASE).processInstanceBusinessKey(closedReference)
                .singleResult();
        Map<String, Object> was = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(original.getId()).list()) {
            if (original.getId().equals(variable.getActivityInstanceId()) && variable.getValue() != null) {
                was.put(variable.getName(), variable.getValue());
            }
        }
        VariableMap start = Variables.createVariables();
        CARRIED_OVER.forEach(variable -> variable.put(start, variable.get(was)));
        String subject = "Follow-up to " + closedReference + ": " + CaseVariable.SUBJECT.text(was);
        CaseVariable.CHANNEL.put(start, channel);
        CaseVariable.SUBJECT.put(start, FieldChecks.clipped(subject, 200));
        CaseVariable.DESCRIPTION.put(start, CustomerWords.forAVariable(text, null));
        if (text.length() > CustomerWords.MAX_IN_A_VARIABLE) {
            // Not stored as a variable (the engine stores at most 4000 characters): the case records it whole.
            start.putValue(OpenCaseFileDelegate.WHOLE_DESCRIPTION, Variables.stringValue(text, true));
        }
        start.putValue("followUpOf", closedReference);
        String owner = CaseVariable.OWNER.get(was);
        boolean withinFollowUpPeriod = clock.now().isBefore(closedAt.atOffset(ZoneOffset.UTC).plus(followUpPeriod).toInstant());
        if (withinFollowUpPeriod && owner != null && stillAnAgent(owner)) {
            CaseVariable.OWNER.put(start, owner);
        }
        return intake.receive(start);
    }

    /** Asked as the product, not as the caller: an integrator may not read users and groups, and need not. */
    private boolean stillAnAgent(String userId) {
        return AsTheApplication.run(identityService, () -> people.isMember(userId, SupportGroups.AGENTS));
    }
}
