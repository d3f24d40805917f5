package com.followthrough.servicelevel;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;

/** What each option of {@link OpenWorkMove} changes on the open tasks, and what it leaves alone. */
class OpenWorkMoveTest {

    static final Date OLD_FIRST_RESPONSE = at("2026-11-23T16:00:00Z");
    static final Date NEW_FIRST_RESPONSE = at("2026-11-23T10:00:00Z");
    static final Date OLD_RESOLUTION = at("2026-11-30T08:00:00Z");
    static final Date NEW_RESOLUTION = at("2026-11-25T08:00:00Z");
    static final Date CALLBACK = at("2026-11-24T14:00:00Z");

    private final TaskService tasks = mock(TaskService.class);
    private final TaskQuery query = mock(TaskQuery.class);

    OpenWorkMoveTest() {
        when(tasks.createTaskQuery()).thenReturn(query);
    }

    @Test
    void onlyTasksDueAtAnOldDateMoveAndOnlyTheyAreSaved() {
        Task listen = task("listen", OLD_FIRST_RESPONSE);
        Task diagnose = task("diagnose", OLD_RESOLUTION);
        Task callback = task("callback", CALLBACK);
        Task noDueDate = task("note", null);
        open("case", listen, diagnose, callback, noDueDate);

        OpenWorkMove.dueAt(OLD_FIRST_RESPONSE, NEW_FIRST_RESPONSE).orDueAt(OLD_RESOLUTION, NEW_RESOLUTION)
                .applyTo(tasks, "case");

        verify(listen).setDueDate(NEW_FIRST_RESPONSE);
        verify(diagnose).setDueDate(NEW_RESOLUTION);
        verify(tasks).saveTask(listen);
        verify(tasks).saveTask(diagnose);
        verify(callback, never()).setDueDate(any());
        verify(tasks, never()).saveTask(callback);
        verify(tasks, never()).saveTask(noDueDate);
        verify(listen, never()).setFollowUpDate(any());
    }

    @Test
    void aDueDateReadBackAsATimestampMatchesTheSameInstant() {
        Task diagnose = task("diagnose", new java.sql.Timestamp(OLD_RESOLUTION.getTime()));
        open("case", diagnose);

        OpenWorkMove.dueAt(OLD_RESOLUTION, NEW_RESOLUTION).applyTo(tasks, "case");

        verify(diagnose).setDueDate(NEW_RESOLUTION);
    }

    @Test
    void whenTwoOldDatesAreTheSameInstantTheFirstMoveApplies() {
        Task both = task("both", OLD_RESOLUTION);
        open("case", both);

        OpenWorkMove.dueAt(OLD_RESOLUTION, NEW_FIRST_RESPONSE).orDueAt(OLD_RESOLUTION, NEW_RESOLUTION)
                .applyTo(tasks, "case");

        verify(both).setDueDate(NEW_FIRST_RESPONSE);
        verify(both, never()).setDueDate(NEW_RESOLUTION);
    }

    @Test
    void aFollowUpGoesWithTheMovedTasksAndTheTaskLeftAloneStaysAsItIs() {
        Date warning = at("2026-11-24T08:00:00Z");
        Task diagnose = task("diagnose", OLD_RESOLUTION);
        Task setNewDate = task("set-new-date", OLD_RESOLUTION);
        Task callback = task("callback", CALLBACK);
        open("case", diagnose, setNewDate, callback);

        OpenWorkMove.dueAt(OLD_RESOLUTION, NEW_RESOLUTION).leaving("set-new-date").withFollowUp(warning)
                .applyTo(tasks, "case");

        verify(diagnose).setDueDate(NEW_RESOLUTION);
        verify(diagnose).setFollowUpDate(warning);
        verify(setNewDate, never()).setDueDate(any());
        verify(tasks, never()).saveTask(setNewDate);
        verify(callback, never()).setFollowUpDate(any());
    }

    @Test
    void aNewPriorityReachesEveryOpenTaskOfEveryInstanceMovedOrNot() {
        Task listen = task("listen", OLD_FIRST_RESPONSE);
        Task callback = task("callback", CALLBACK);
        open("case", listen);
        open("keep-promise", callback);

        OpenWorkMove.dueAt(OLD_FIRST_RESPONSE, NEW_FIRST_RESPONSE).withPriorityOfEveryTask(75)
                .applyTo(tasks, List.of("case", "keep-promise"));

        verify(listen).setPriority(75);
        verify(callback).setPriority(75);
        verify(callback, never()).setDueDate(any());
        verify(tasks).saveTask(listen);
        verify(tasks).saveTask(callback);
    }

    private Task task(String id, Date due) {
        Task task = mock(Task.class);
        when(task.getId()).thenReturn(id);
        when(task.getDueDate()).thenReturn(due);
        return task;
    }

    /** The open tasks of a process instance, as the task query lists them. */
    private void open(String processInstanceId, Task... open) {
        TaskQuery ofInstance = mock(TaskQuery.class);
        when(ofInstance.list()).thenReturn(List.of(open));
        when(query.processInstanceId(processInstanceId)).thenReturn(ofInstance);
    }

    private static Date at(String instant) {
        return Date.from(Instant.parse(instant));
    }
}
