package com.followthrough;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
 * {@code /engine-rest} does. Like our other {@code 409}s it names what it is about in {@code errors}: the task, the
 * process instance or the execution of the request's path.
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

        @Context
        private UriInfo request;

        @Override
        public Response toResponse(ProcessEngineException clash) {
            return conflict(OptimisticLockingException.class, CHANGED_MEANWHILE, request, CHANGED_AT_ONCE);
        }
    }

    /** A task's complete or form submission wraps the clash in a {@link RestException} of its own. */
    @Priority(Priorities.USER - 100)
    static final class WrappedChangedMeanwhile implements ExtendedExceptionMapper<RestException> {

        @Override
        public boolean isMappable(RestException wrapper) {
            return ConcurrentChange.causedIt(wrapper);
        }

        @Context
        private UriInfo request;

        @Override
        public Response toResponse(RestException wrapper) {
            return conflict(OptimisticLockingException.class, CHANGED_MEANWHILE, request, CHANGED_AT_ONCE);
        }
    }

    static final class AlreadyClaimed implements ExceptionMapper<TaskAlreadyClaimedException> {

        @Context
        private UriInfo request;

        @Override
        public Response toResponse(TaskAlreadyClaimedException claimed) {
            return conflict(TaskAlreadyClaimedException.class, claimed.getMessage(), request,
                    "is already claimed by someone else; nothing of this request was saved");
        }
    }

    private static final String CHANGED_AT_ONCE = "was changed by someone else at the same moment; nothing of this"
            + " request was saved";

    private static Response conflict(Class<? extends Exception> type, String message, UriInfo request,
                                     String whatBecameOfIt) {
        Conflict body = new Conflict(List.of(new FieldError(subject(request), whatBecameOfIt)));
        body.setType(type.getSimpleName());
        body.setMessage(message);
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** What the request's path is about: {@code /task/{id}/claim} is about taskId; a path naming none, the request. */
    private static String subject(UriInfo request) {
        List<PathSegment> path = request.getPathSegments();
        for (int i = 0; i + 1 < path.size(); i++) {
            switch (path.get(i).getPath()) {
                case "task":
                    return "taskId";
                case "process-instance":
                    return "processInstanceId";
                case "execution":
                    return "executionId";
                default:
                    break;
            }
        }
        return "request";
    }

    /**
     * An entry of {@code errors}, shaped as the API's ({@code api.ApiProblem.FieldError}), which this package cannot
     * use: api depends on this package.
     */
    public record FieldError(String field, String message) {
    }

    /** Camunda's error body ({@code type}, {@code message}) with our {@code errors}. */
    public static final class Conflict extends ExceptionDto {

        private final List<FieldError> errors;

        Conflict(List<FieldError> errors) {
            this.errors = errors;
        }

        public List<FieldError> getErrors() {
            return errors;
        }
    }
}
