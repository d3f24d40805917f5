package com.followthrough.tasklist;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.followthrough.vocabulary.FreshNotes;

/**
 * A note a step writes to its case starts empty each time the step runs. Tasklist fills a form's fields from the
 * variables of the same name that the task sees, so a step that runs again on one case or promise (a second reply to
 * the solution, a late call late again, a second message from the customer) opened with the previous person's note
 * filled in, ready to be submitted as theirs, and passing the refusal of a blank one. On create the task gets an empty
 * variable of its own for each of its fresh fields ({@link FreshNotes#BY_STEP}), which the form reads and a submitted
 * form writes; on complete, before the step's other listeners, what was submitted becomes the case's variable, where
 * the case header, the insights and KeepPromise read it, and the task's own goes. A form submission that leaves a fresh
 * field out or empty gave it empty for this run of the step: the case's becomes empty too, not the previous run's
 * note, which the case header would show as this person's (and a field the form requires is refused by its check).
 * A completion that sets the case's variables itself ({@code TaskService#complete} with variables, which the engine
 * writes to the execution) leaves the case's as it set it; over REST a {@code complete} that leaves a fresh field out
 * is given it empty ({@code access.FormFieldsOnly}). What the case held before stays readable to the listeners after
 * this one on complete ({@link
 * FreshNotes#caseHadBefore}): a log of the notes reads the earlier one there. The task's copy has no history ({@link
 * TaskContextHistory}): what was submitted is recorded on the case. {@link FreshFieldsPlugin} registers it on the steps
 * of {@link FreshNotes#BY_STEP}; the bean keeps its name for the process versions whose models named it.
 */
@Component("freshFields")
public class FreshFields implements TaskListener {

    /**
     * A transient variable of the task (never stored): it is being completed by a form submission, whose values the
     * engine set on the task, so its fresh fields hold what was submitted ({@link FreshFieldsPlugin}).
     */
    static final String FORM = "freshFields.formSubmission";

    @Override
    public void notify(DelegateTask task) {
        List<String> fields = FreshNotes.BY_STEP.getOrDefault(task.getTaskDefinitionKey(), List.of());
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            fields.forEach(field -> task.setVariableLocal(field, null));
            return;
        }
        boolean formSubmission = task.hasVariableLocal(FORM);
        for (String field : fields) {
            if (!task.hasVariableLocal(field)) {
                continue;
            }
            Object submitted = task.getVariableLocal(field);
            task.removeVariableLocal(field);
            if (submitted == null && !formSubmission) {
                // A completion that gave the case's variable itself, or one of our own code that gave none.
                continue;
            }
            Object before = task.getExecution().getVariable(field);
            if (submitted != null || before != null) {
                // Left out or empty, the note is empty for this run: not the previous one's, which the header showed.
                FreshNotes.keepCaseHadBefore(task, field, before);
                task.getExecution().setVariable(field, submitted);
            }
        }
    }

    /** Marks a task's form submission ({@link #FORM}), once the engine has set the submitted values. */
    static void markFormSubmission(VariableScope task) {
        task.setVariableLocal(FORM, Variables.untypedValue(true, true));
    }

}
