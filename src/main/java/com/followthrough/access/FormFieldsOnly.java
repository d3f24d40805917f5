package com.followthrough.access;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.RefusedEntryException;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.ProblemResponse;
import com.followthrough.formcheck.TaskFormFields;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A task completed over REST ({@code complete}, {@code submit-form}, {@code resolve} of {@code /engine-rest} and of
 * the webapps' engine API that Tasklist uses) sets the fields of the task's form and nothing else: a variable the
 * deployed form has no field for is refused with {@code 400} before the engine sees the request. The form's own
 * rules are checked by {@code formcheck.SubmissionCheck}, which cannot tell what was sent from what the case holds.
 * Administrators, who may change any variable anyway, are not checked; nor is our own code, which completes tasks
 * through the Java API. The body is read here and handed on as it came.
 */
class FormFieldsOnly extends OncePerRequestFilter {

    /** On the operation's path, which names no engine ({@link EngineRestRules#operationPath}). */
    private static final Pattern SUBMITS = Pattern.compile("/task/([^/]+)/(complete|submit-form|resolve)");
    private static final JsonFactory JSON_READER = new JsonFactory();

    private final ObjectProvider<ProcessEngine> engines;
    private final ObjectProvider<TaskFormFields> taskFormFields;
    private final Function<HttpServletRequest, Optional<Collection<String>>> callerGroups;
    private final ObjectMapper json;
    private final long bodyLimit;

    /**
     * @param callerGroups the groups of the signed-in caller; empty when nobody is signed in, which the API the
     *                     request is for answers itself
     */
    FormFieldsOnly(ObjectProvider<ProcessEngine> engines, ObjectProvider<TaskFormFields> taskFormFields,
                   Function<HttpServletRequest, Optional<Collection<String>>> callerGroups, ObjectMapper json,
                   long bodyLimit) {
        this.engines = engines;
        this.taskFormFields = taskFormFields;
        this.callerGroups = callerGroups;
        this.json = json;
        this.bodyLimit = bodyLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher submission = SUBMITS.matcher(EngineRestRules.operationPath(request));
        if (!"POST".equalsIgnoreCase(request.getMethod()) || !submission.matches() || !isCheckedCaller(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, bodyLimit) + 1);
        if (body.length > bodyLimit) {
            ApiProblem tooLarge = ApiProblem.tooLarge(bodyLimit);
            refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.title(), tooLarge.getMessage(), List.of());
            return;
        }
        Set<String> sent;
        try {
            sent = variableNames(body);
        } catch (IOException notJson) {
            String why = notJson instanceof JsonProcessingException parsing ? parsing.getOriginalMessage()
                    : notJson.getMessage();
            refuse(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                    "The body is not a JSON object with the task's variables: " + why, List.of());
            return;
        }
        if (!sent.isEmpty() && refusedPastTheForm(request, response, submission.group(1), submission.group(2), sent)) {
            return;
        }
        chain.doFilter(new BodyReadAgain(request, body), response);
    }

    /** Someone signed in who is not an administrator; a request without a login is the API's to refuse. */
    private boolean isCheckedCaller(HttpServletRequest request) {
        Optional<Collection<String>> groups = callerGroups.apply(request);
        return groups.isPresent() && groups.get().stream().noneMatch(EngineRestRules.ADMINISTRATORS::contains);
    }

    /** Whether a variable sent is not a field of the task's form, and the refusal has been written. */
    private boolean refusedPastTheForm(HttpServletRequest request, HttpServletResponse response, String taskId,
                                       String operation, Set<String> sent) throws IOException {
        String cannot = switch (operation) {
            case "complete" -> "Cannot complete task ";
            case "resolve" -> "Cannot resolve task ";
            default -> "Cannot submit task form ";
        } + taskId + ": ";
        Optional<Set<String>> fields;
        try {
            fields = taskFormFields.getObject().of(engines.getObject(), taskId);
        } catch (RefusedEntryException unreadable) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "Not saved", unreadable.getMessage(), cannot,
                    errors(sent, "cannot be checked against the task's form"));
            return true;
        }
        if (fields.isEmpty()) {
            // No such task: the engine's answer says so.
            return false;
        }
        Set<String> refused = new TreeSet<>(sent);
        refused.removeAll(fields.get());
        if (refused.isEmpty()) {
            return false;
        }
        String detail = "Not saved: the task's form has no field " + String.join(", ", refused)
                + ". A submission sets the fields of the task's form only.";
        refuse(request, response, HttpStatus.BAD_REQUEST, "Not saved", detail, cannot,
                errors(refused, "is not a field of the task's form"));
        return true;
    }

    private static List<ApiProblem.FieldError> errors(Set<String> variables, String message) {
        return variables.stream().map(name -> new ApiProblem.FieldError(name, message)).toList();
    }

    /** The names in the body's {@code variables}, every time it appears (Camunda's reader keeps the last). */
    static Set<String> variableNames(byte[] body) throws IOException {
        Set<String> names = new TreeSet<>();
        try (JsonParser parser = JSON_READER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return names;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String property = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("variables".equals(property) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        names.add(parser.currentName());
                        parser.nextToken();
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return names;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                        String detail, List<ApiProblem.FieldError> errors) throws IOException {
        refuse(request, response, status, title, detail, "", errors);
    }

    /**
     * A problem detail as {@code /api} writes them, with Camunda's {@code message} as well: Tasklist shows that field
     * of an error, and Camunda's REST clients read it.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                        String detail, String camundaPrefix, List<ApiProblem.FieldError> errors) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        problem.setProperty("message", camundaPrefix + detail);
        ProblemResponse.write(request, response, json, problem);
    }

    /** The request with the body this filter has read, for Jersey to read again. */
    private static final class BodyReadAgain extends HttpServletRequestWrapper {

        private final ServletInputStream body;

        BodyReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            this.body = new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body has been read already; it is not read asynchronously");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
                    : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
