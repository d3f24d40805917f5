package com.followthrough;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Camunda's REST API with one answer more: a {@link RefusedEntryException} from a call that Camunda's resources do not
 * turn into {@code 400} themselves (they do for a task's complete and submit-form; a claim they answer with
 * {@code 500}, and a process definition's {@code start} with a {@code 500} that wraps it) is a {@code 400} too, in
 * Camunda's own error body ({@link ExceptionDto}: {@code type}, {@code message}, {@code code}): the integrator reads
 * why, as Tasklist's user does. Every refusal's body, Camunda's {@code 400} for a complete or submit-form too, also
 * lists the variables to change ({@code errors}). Replaces the starter's own configuration of the API, which it only
 * extends.
 */
@Component
public class RefusalsOverRest extends CamundaJerseyResourceConfig {

    @Override
    protected void registerAdditionalResources() {
        super.registerAdditionalResources();
        register(BadRequest.class);
        register(WrappedBadRequest.class);
    }

    /** Before Camunda's own mapper of its {@link RestException}s, for those that wrap a refused entry only. */
    @Priority(Priorities.USER - 100)
    static final class WrappedBadRequest implements ExtendedExceptionMapper<RestException> {

        @Override
        public boolean isMappable(RestException wrapper) {
            return RefusalsReachTheCaller.refusalIn(wrapper) != null;
        }

        @Override
        public Response toResponse(RestException wrapper) {
            return badRequest(wrapper, RefusalsReachTheCaller.refusalIn(wrapper));
        }
    }

    static final class BadRequest implements ExceptionMapper<RefusedEntryException> {

        @Override
        public Response toResponse(RefusedEntryException refusal) {
            return badRequest(refusal, refusal);
        }
    }

    private static Response badRequest(Exception thrown, RefusedEntryException refusal) {
        ExceptionDto camunda = ExceptionDto.fromException(thrown);
        RefusalDto body = new RefusalDto(refusal.errors());
        body.setType(camunda.getType());
        body.setMessage(camunda.getMessage());
        body.setCode(camunda.getCode());
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /**
     * Camunda's error body, and the variables to change in {@code errors} ({@code field}, {@code message}) as our
     * API's problem details name them, for a program to read; left out when no value would lift the refusal.
     */
    static final class RefusalDto extends ExceptionDto {

        private final List<RefusedEntryException.FieldError> errors;

        RefusalDto(List<RefusedEntryException.FieldError> errors) {
            this.errors = errors;
        }

        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public List<RefusedEntryException.FieldError> getErrors() {
            return errors;
        }
    }
}
