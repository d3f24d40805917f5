package com.followthrough.insights;

import java.util.Set;

import org.camunda.bpm.engine.IdentityService;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.followthrough.FieldChecks;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.CallerGroups;
import com.followthrough.organization.SupportGroups;

/**
 * Support insights for analysts and supervisors: {@code GET /api/insights} (the KPIs), {@code /api/insights/cases}
 * (cases, newest first) and {@code /api/insights/cases/{reference}/timeline} (what happened to one case).
 */
@RestController
public class InsightsController {

    static final Set<String> READERS = Set.of(SupportGroups.ANALYSTS, SupportGroups.SUPERVISORS,
            SupportGroups.CAMUNDA_ADMIN);

    private final Insights insights;
    private final CaseHistory caseHistory;
    private final IdentityService identityService;

    public InsightsController(Insights insights, CaseHistory caseHistory, IdentityService identityService) {
        this.insights = insights;
        this.caseHistory = caseHistory;
        this.identityService = identityService;
    }

    @GetMapping("/api/insights")
    public SupportInsights insights(@RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String plan,
                                    @RequestParam(required = false) String language,
                                    @RequestParam(required = false) String processVersion) {
        requireReader();
        return insights.of(InsightsFilter.parse(from, to, plan, language, processVersion, insights.today()));
    }

    @GetMapping("/api/insights/cases")
    public CaseHistory.CasePage cases(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String plan,
                                      @RequestParam(required = false) String language,
                                      @RequestParam(required = false) String processVersion,
                                      @RequestParam(required = false) String processDefinitionId,
                                      @RequestParam(defaultValue = "closed") String state,
                                      @RequestParam(defaultValue = "0") String first,
                                      @RequestParam(defaultValue = "50") String max) {
        requireReader();
        InsightsFilter filter = InsightsFilter.parseForCaseList(from, to, plan, language, processVersion, insights.today());
        FieldChecks.notOneOf(state, CaseHistory.STATES).ifPresent(message -> {
            throw ApiProblem.invalid("state", message);
        });
        if (processDefinitionId != null) {
            FieldChecks.tooLong(processDefinitionId, 64).ifPresent(message -> {
                throw ApiProblem.invalid("processDefinitionId", message);
            });
        }
        return caseHistory.cases(filter, processDefinitionId, state,
                whole("first", first, 0, Integer.MAX_VALUE), whole("max", max, 1, CaseHistory.MAX_PAGE));
    }

    @GetMapping("/api/insights/cases/{reference}/timeline")
    public CaseHistory.Timeline timeline(@PathVariable String reference) {
        requireReader();
        return caseHistory.timeline(reference);
    }

    private void requireReader() {
        CallerGroups.requireOneOf(identityService, READERS, "Support insights are for analysts and supervisors");
    }

    private static int whole(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw ApiProblem.invalid(name, "must be a whole number from " + min + " to " + max);
    }
}
