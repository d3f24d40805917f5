package com.followthrough.casefile;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.followthrough.AsTheApplication;
import com.followthrough.access.IntakeEndpoint;
import com.followthrough.api.ApiProblem;
import com.followthrough.vocabulary.CaseVariable;

/**
 * {@code GET /api/cases/{reference}}: the case as a person reads it. Whoever may read the case reads it as their
 * engine grants allow; someone who may not, but may see one of its open tasks (an agent, her team's or her own),
 * reads it too: the task's form shows the same case in its header, clipped, and the file has it whole; so does the
 * closed case that such a case follows up. So does the case's owner while none of its tasks is hers (a specialist
 * advises, the case waits on the customer): she stays the customer's contact.
 */
@RestController
public class CaseFileController {

    private final CaseFiles caseFiles;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identities;
    private final AsTheApplication application;

    public CaseFileController(CaseFiles caseFiles, TaskService tasks, RuntimeService runtime,
                              IdentityService identities, AsTheApplication application) {
        this.caseFiles = caseFiles;
        this.tasks = tasks;
        this.runtime = runtime;
        this.identities = identities;
        this.application = application;
    }

    @IntakeEndpoint
    @GetMapping("/api/cases/{reference}")
    public CaseFile read(@PathVariable String reference) {
        try {
            return caseFiles.read(reference);
        } catch (ApiProblem notSeen) {
            if (notSeen.status() != HttpStatus.NOT_FOUND || !(worksOn(reference) || owns(reference) || worksOnAFollowUpOf(reference))) {
                throw notSeen;
            }
            return application.run(() -> caseFiles.read(reference));
        }
    }

    /** One of the case's open tasks, its callbacks' and survey's included, is one the caller may see. */
    private boolean worksOn(String reference) {
        return tasks.createTaskQuery().processInstanceBusinessKey(reference).count() > 0;
    }

    /** The caller owns the running case (its {@code owner}), which only the application may read. */
    private boolean owns(String reference) {
        Authentication caller = identities.getCurrentAuthentication();
        return caller != null && caller.getUserId() != null && application.run(() -> runtime
                .createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .variableValueEquals(CaseVariable.OWNER.name(), caller.getUserId()).count() > 0);
    }

    /**
     * An open task the caller may see is of a case that follows this one up: its form names this case, closed, and
     * the agent who listens to the customer again reads what was said and promised before.
     */
    private boolean worksOnAFollowUpOf(String reference) {
        return tasks.createTaskQuery().processVariableValueEquals(CaseVariable.FOLLOW_UP_OF.name(), reference)
                .count() > 0;
    }
}
