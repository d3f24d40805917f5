package com.followthrough.casefile;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.followthrough.FieldChecks;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.CallerGroups;
import com.followthrough.organization.SupportGroups;
import com.followthrough.servicelevel.ServiceLevelChange;
import com.followthrough.servicelevel.ServiceLevelsController;
import com.followthrough.vocabulary.Plan;
import com.followthrough.vocabulary.Priority;

/**
 * {@code PUT /api/cases/{reference}/service-level}: a supervisor changes an open case's plan or priority, and its
 * deadlines move with the service levels decided again ({@link ServiceLevelChange}). An endpoint rather than a step
 * in the model: the change can come at any stage of the case, and what it does (moving dates, timers and due dates of
 * whatever is open) is no step of the work on the case.
 */
@RestController
public class CaseServiceLevelController {

    /** Who may change a case's plan or priority: someone with authority over the team's promises. */
    static final Set<String> MAY_CHANGE = Set.of(SupportGroups.SUPERVISORS, SupportGroups.CAMUNDA_ADMIN);

    static final int MAX_REASON = 2_000;

    /** {@code plan} and {@code priority}: the new ones, at least one of them; {@code reason}: why, for the record. */
    public record NewServiceLevel(String plan, String priority, String reason) {
    }

    private final IdentityService identities;
    private final CaseLookup cases;
    private final ServiceLevelChange changes;

    public CaseServiceLevelController(IdentityService identities, CaseLookup cases, ServiceLevelChange changes) {
        this.identities = identities;
        this.cases = cases;
        this.changes = changes;
    }

    @PutMapping(path = "/api/cases/{reference}/service-level", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ServiceLevelChange.Changed change(@PathVariable String reference, @RequestBody NewServiceLevel body,
                                             Principal user) {
        CallerGroups.requireOneOf(identities, MAY_CHANGE, "Only supervisors change a case's plan or priority");
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        boolean planGiven = body.plan() != null;
        boolean priorityGiven = body.priority() != null;
        if (!planGiven && !priorityGiven) {
            errors.add(new ApiProblem.FieldError("plan", "or priority is required: the new plan, the new priority or both"));
        }
        if (planGiven) {
            ServiceLevelsController.check("plan", body.plan(), Plan.IDS, errors);
        }
        if (priorityGiven) {
            ServiceLevelsController.check("priority", body.priority(), Priority.IDS, errors);
        }
        String reason = body.reason() == null ? "" : body.reason().strip();
        if (reason.isEmpty()) {
            errors.add(new ApiProblem.FieldError("reason", "is required: why the case's service level changes"));
        } else {
            FieldChecks.notPlainText(body.reason(), true).or(() -> FieldChecks.tooLong(reason, MAX_REASON))
                    .ifPresent(message -> errors.add(new ApiProblem.FieldError("reason", message)));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        CaseLookup.FoundCase found = cases.find(reference);
        if (found.closed()) {
            throw ApiProblem.conflict("Case closed", "reference", "is a closed case",
                    "Case " + reference + " is closed: its service level no longer changes.");
        }
        // A timer or a colleague changing the case at the same moment rolls the change back whole: a 409 (ApiErrors).
        return changes.change(reference, found.processInstanceId(), body.plan(), body.priority(), reason,
                user.getName());
    }
}
