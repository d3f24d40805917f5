package com.followthrough.casefile;

import java.time.Instant;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

import com.followthrough.api.ApiProblem;
import com.followthrough.vocabulary.Processes;

/**
 * Finds a case by its reference, as the signed-in user sees it (engine authorizations apply): open, closed,
 * or, for a reference nobody issued or the user may not see, 404.
 */
@Service
public class CaseLookup {

    private static final Pattern REFERENCE = Pattern.compile("SC-\\d{4}-\\d{6}");

    private final HistoryService history;

    public CaseLookup(HistoryService history) {
        this.history = history;
    }

    /** A case the user may see: its process instance, and when it closed if it did. */
    public record FoundCase(String reference, String processInstanceId, Instant openedAt, Instant closedAt) {
        public boolean closed() {
            return closedAt != null;
        }
    }

    public FoundCase find(String reference) {
        HistoricProcessInstance instance = REFERENCE.matcher(reference).matches()
                ? history.createHistoricProcessInstanceQuery().processDefinitionKey(Processes.SUPPORT_CASE)
                        .processInstanceBusinessKey(reference).singleResult()
                : null;
        if (instance == null) {
            throw ApiProblem.notFound("reference", "is no case you may see",
                    "There is no case " + reference + " (or you may not see it).");
        }
        return new FoundCase(reference, instance.getId(), instance.getStartTime().toInstant(),
                instance.getEndTime() == null ? null : instance.getEndTime().toInstant());
    }
}
