package com.followthrough;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;

/**
 * Two people, or a person and the engine (a timer, a customer's message), changing one task or case at the same
 * moment: the engine rolls the second change back whole, and Camunda's REST API answered it with {@code 500} and the
 * engine's words ("ENGINE-03005 Execution of 'UPDATE TaskEntity[...]' failed. Entity was updated by another transaction
 * concurrently", or "already claimed"), or, when the first held the task longer than the database waits for a lock,
 * "An exception occurred in the persistence layer". Here each is a {@code 409} in Camunda's own error body, which says
 * what happened and that trying again is safe. Registered into every Jersey application of the app by
 * {@code META-INF/services}, so Tasklist's and Cockpit's API ({@code /camunda/api/engine}) answers as
 * {@code /engine-rest} does.
 */
public class ConcurrentChangesOverRest implements ForcedAutoDiscoverable {

    public static final String CHANGED_MEANWHILE = "Someone else changed this task or its case at the same moment (a"
            + " colleague, a message from the customer or a timer), so nothing of this request was saved. Reload it and"
            + " try again.";

    @Override
    public void configure(FeatureContext context) {
        for (Class<?> mapper : new Class<?>[] {ChangedMeanwhile.class, WrappedChangedMeanwhile.class,
                AlreadyClaimed.class}) {
            if (!context.getConfiguration().isRegistered(mapper)) {
                context.register(mapper);
            }
        }
    }

    /**
     * Before Camunda's own mapper of the engine's exceptions, for a clash only: a change met ({@link
     * OptimisticLockingException}) or a lock held longer than the database waits ({@link ConcurrentChange}).
     */
    @Priority(Priorities.USER - 100)
    static final class ChangedMeanwhile implements ExtendedExceptionMapper<ProcessEngineException> {

        @Override
        public boolean isMappable(ProcessEngineException failure) {
            return ConcurrentChange.causedIt(failure);
        }

        @Override
        public Response toResponse(ProcessEngineException clash) {
            return conflict(OptimisticLockingException.class, CHANGED_MEANWHILE);
        }
    }

    /** A task's complete or form submission wraps the clash in a {@link RestException} of its own. */
    @Priority(Priorities.USER - 100)
    static final class WrappedChangedMeanwhile implements ExtendedExceptionMapper<RestException> {

        @Override
        public boolean isMappable(RestException wrapper) {
            return ConcurrentChange.causedIt(wrapper);
        }

        @Override
        public Response toResponse(RestException wrapper) {
            return conflict(OptimisticLockingException.class, CHANGED_MEANWHILE);
        }
    }

    static final class AlreadyClaimed implements ExceptionMapper<TaskAlreadyClaimedException> {

        @Override
        public Response toResponse(TaskAlreadyClaimedException claimed) {
            return conflict(TaskAlreadyClaimedException.class, claimed.getMessage());
        }
    }

    private static Response conflict(Class<? extends Exception> type, String message) {
        ExceptionDto body = new ExceptionDto();
        body.setType(type.getSimpleName());
        body.setMessage(message);
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
