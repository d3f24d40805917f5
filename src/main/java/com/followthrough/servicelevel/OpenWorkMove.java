package com.followthrough.servicelevel;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * Work due at a deadline follows the deadline when it moves: every open task that was due at the old date becomes due
 * at the new one, so Tasklist shows the date the customer was given. The resolution clock resuming after a wait
 * ({@link ResolutionClock}), a supervisor's new resolution date ({@link NewResolutionTargetListener}) and a changed
 * plan or priority ({@link ServiceLevelChange}) each move it, with what else has to move along:
 * <ul>
 * <li>{@link #withFollowUp}: the moved tasks' breach warning, when the new date's clock starts afresh;</li>
 * <li>{@link #withFollowUpMoved}: the moved tasks' breach warning moved as their due date, when the clock resumes;</li>
 * <li>{@link #withPriorityOfEveryTask}: every open task takes a new priority, moved or not;</li>
 * <li>{@link #leaving}: the task that sets the new date stays as it is.</li>
 * </ul>
 *
 * @param dueDates      old date → new date, in order: when two old dates are the same instant, the first applies
 * @param followUp      a moved task's follow-up date from the one it had, or {@code null} to keep theirs
 * @param taskPriority  the priority of every open task, or {@code null} to keep theirs
 * @param taskLeftAlone the id of a task this move does not touch, or {@code null}
 */
record OpenWorkMove(List<DueDate> dueDates, UnaryOperator<Date> followUp, Integer taskPriority, String taskLeftAlone) {

    /** Open tasks due at {@code from} become due at {@code to}. */
    record DueDate(Date from, Date to) {
    }

    /** Open tasks due at {@code from} become due at {@code to}. */
    static OpenWorkMove dueAt(Date from, Date to) {
        return new OpenWorkMove(List.of(new DueDate(from, to)), null, null, null);
    }

    /** Also open tasks due at {@code from} (and not at an earlier move's old date) become due at {@code to}. */
    OpenWorkMove orDueAt(Date from, Date to) {
        List<DueDate> more = new ArrayList<>(dueDates);
        more.add(new DueDate(from, to));
        return new OpenWorkMove(List.copyOf(more), followUp, taskPriority, taskLeftAlone);
    }

    OpenWorkMove withFollowUp(Date followUp) {
        return new OpenWorkMove(dueDates, had -> followUp, taskPriority, taskLeftAlone);
    }

    /**
     * Each moved task's follow-up date becomes {@code move} of the one it had, which is null where it had none (a
     * warning held while the clock stood); a null result keeps theirs.
     */
    OpenWorkMove withFollowUpMoved(UnaryOperator<Date> move) {
        return new OpenWorkMove(dueDates, move, taskPriority, taskLeftAlone);
    }

    OpenWorkMove withPriorityOfEveryTask(int taskPriority) {
        return new OpenWorkMove(dueDates, followUp, taskPriority, taskLeftAlone);
    }

    OpenWorkMove leaving(String taskId) {
        return new OpenWorkMove(dueDates, followUp, taskPriority, taskId);
    }

    void applyTo(TaskService tasks, String processInstanceId) {
        applyTo(tasks, List.of(processInstanceId));
    }

    /** Moves the open tasks of these process instances (a case and the instances it called, say). */
    void applyTo(TaskService tasks, List<String> processInstanceIds) {
        for (String instance : processInstanceIds) {
            for (Task open : tasks.createTaskQuery().processInstanceId(instance).list()) {
                if (open.getId().equals(taskLeftAlone)) {
                    continue;
                }
                Date newDue = newDueDate(open.getDueDate());
                if (newDue != null) {
                    open.setDueDate(newDue);
                    Date newFollowUp = followUp == null ? null : followUp.apply(open.getFollowUpDate());
                    if (newFollowUp != null) {
                        open.setFollowUpDate(newFollowUp);
                    }
                }
                if (taskPriority != null) {
                    open.setPriority(taskPriority);
                }
                if (newDue != null || taskPriority != null) {
                    tasks.saveTask(open);
                }
            }
        }
    }

    private Date newDueDate(Date due) {
        if (due == null) {
            return null;
        }
        // By the instant: a date read back from the database may be a java.sql.Timestamp, which equals no Date
        return dueDates.stream().filter(move -> move.from() != null && move.from().getTime() == due.getTime())
                .map(DueDate::to).findFirst().orElse(null);
    }
}
