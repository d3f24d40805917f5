package com.followthrough.access;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.followthrough.RefusedEntryException;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.BodyReadAgain;
import com.followthrough.api.NewJsonBody;
import com.followthrough.api.ProblemResponse;
import com.followthrough.formcheck.FormFields;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A task completed over REST ({@code complete}, {@code submit-form}, {@code resolve} of {@code /engine-rest} and of
 * the webapps' engine API that Tasklist uses) sets the fields of the task's form and nothing else: a variable the
 * deployed form has no field for is refused with {@code 400} before the engine sees the request, and so is a new value
 * for a field that the form hides once the submission is entered (form-js submits none), or one it shows read-only
 * (form-js submits the value it shows). A {@code complete} that leaves out a note its step asks afresh, which the
 * form requires, is refused as a form submission is ({@link FormFields.TaskForm#refusalOfFreshNotesLeftOut}), rather
 * than passing on the case's note from the step's earlier run, which the engine would count; one the form does not
 * require is given empty ({@link #givenEmpty}), as a form submission without it gives it. A process started
 * over REST ({@code start}, {@code submit-form} of a process definition, by id or by key) likewise takes the fields
 * of its start form only (none without a Camunda start form) and starts at its start event, with its listeners and
 * mappings. The forms' own rules are checked by {@code formcheck.SubmissionCheck}, which cannot tell what was sent
 * from what the case holds. Administrators, who may change any variable anyway, are held only to the notes a step asks
 * afresh (their own steps ask them too, and Tasklist refuses them a required one); our own code, which uses the Java
 * API, is not checked. Nor is a caller who may not work the task or start the process: the engine refuses them
 * as it would, and learns nothing of the form. The body is read here and handed on as it came, but for the notes a
 * {@code complete} is given empty.
 */
class FormFieldsOnly extends OncePerRequestFilter {

    /** On the operation's path, which names no engine ({@link EngineRestRules#operationPath}). */
    private static final Pattern SUBMITS = Pattern.compile("/task/([^/]+)/(complete|submit-form|resolve)");
    private static final Pattern STARTS_BY_KEY =
            Pattern.compile("/process-definition/key/([^/]+)(?:/tenant-id/([^/]+))?/(start|submit-form)");
    private static final Pattern STARTS_BY_ID = Pattern.compile("/process-definition/([^/]+)/(start|submit-form)");
    /** What a start may carry besides its variables: what Tasklist's start form sends, and an answer's option. */
    private static final Set<String> START_OPTIONS = Set.of("variables", "businessKey", "withVariablesInReturn");
    private static final ObjectMapper PLAIN_JSON = new ObjectMapper();
    private static final JsonFactory JSON_READER = PLAIN_JSON.getFactory();

    private final ObjectProvider<ProcessEngine> engines;
    private final ObjectProvider<FormFields> formFields;
    private final Function<HttpServletRequest, Optional<Authentication>> callers;
    private final ObjectMapper json;

    /**
     * @param callers the signed-in caller, with their groups; empty when nobody is signed in, which the API the
     *                request is for answers itself
     */
    FormFieldsOnly(ObjectProvider<ProcessEngine> engines, ObjectProvider<FormFields> formFields,
                   Function<HttpServletRequest, Optional<Authentication>> callers, ObjectMapper json) {
        this.engines = engines;
        this.formFields = formFields;
        this.callers = callers;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String operation = EngineRestRules.operationPath(request);
        Matcher submission = SUBMITS.matcher(operation);
        Matcher startByKey = STARTS_BY_KEY.matcher(operation);
        Matcher startById = STARTS_BY_ID.matcher(operation);
        boolean submits = submission.matches();
        boolean starts = startByKey.matches() || startById.matches();
        Optional<Authentication> signedIn = "POST".equalsIgnoreCase(request.getMethod()) && (submits || starts)
                ? callers.apply(request) : Optional.empty();
        Optional<Authentication> caller = signedIn.filter(FormFieldsOnly::isChecked);
        // An administrator's submission is held to the notes its step asks afresh only, as Tasklist holds it.
        boolean administrator = submits && signedIn.isPresent() && caller.isEmpty();
        if (caller.isEmpty() && !administrator) {
            chain.doFilter(request, response);
            return;
        }
        // No larger than the engine APIs' limit, which their RequestBodyLimit has held before this filter.
        byte[] body = request.getInputStream().readAllBytes();
        Sent sent;
        try {
            sent = sent(body);
        } catch (IOException notJson) {
            if (administrator) {
                chain.doFilter(new BodyReadAgain(request, body), response);
                return;
            }
            String where = notJson instanceof JsonProcessingException parsing && parsing.getLocation() != null
                    ? " (line " + parsing.getLocation().getLineNr() + ", column "
                            + parsing.getLocation().getColumnNr() + ")" : "";
            ApiProblem.FieldError notJsonBody = new ApiProblem.FieldError("body", "is not valid JSON" + where);
            refuse(request, response, HttpStatus.BAD_REQUEST, "Invalid request", "body " + notJsonBody.message()
                    + ": send a JSON object with the variables.", submits
                            ? cannot(submission.group(2), submission.group(1))
                            : cannotStart(startByKey.matches() ? startByKey.group(1) : startById.group(1)),
                    List.of(notJsonBody));
            return;
        }
        if (submits) {
            Optional<List<String>> freshNotes = freshNotesUnlessRefused(request, response, signedIn.get(),
                    administrator, submission.group(1), submission.group(2), sent);
            if (freshNotes.isPresent()) {
                byte[] handedOn = freshNotes.get().isEmpty() ? body : givenEmpty(body, freshNotes.get());
                chain.doFilter(handedOn == body ? new BodyReadAgain(request, body)
                        : new NewJsonBody(request, handedOn), response);
            }
            return;
        }
        boolean refused = startByKey.matches()
                ? refusedPastTheStartForm(request, response, caller.get(), null, startByKey.group(1),
                        startByKey.group(2), sent)
                : refusedPastTheStartForm(request, response, caller.get(), startById.group(1), null, null, sent);
        if (!refused) {
            chain.doFilter(new BodyReadAgain(request, body), response);
        }
    }

    /**
     * The body of a {@code complete} with each of {@code freshNotes} (the notes its step asks afresh) that it leaves out
     * given empty ({@code "value": null}), as a form submission without them gives them ({@code tasklist.FreshFields}):
     * the engine writes a {@code complete}'s variables to the case, and the case would keep the step's earlier note as
     * this one's. Left out of the {@code variables} the engine reads: the last, when a body sends more than one. A
     * body the engine cannot read as a completion (no object, or {@code variables} no object) goes on as it came, for
     * the engine to refuse.
     */
    static byte[] givenEmpty(byte[] body, List<String> freshNotes) throws IOException {
        JsonNode sent = body.length == 0 ? PLAIN_JSON.createObjectNode() : PLAIN_JSON.readTree(body);
        if (!(sent instanceof ObjectNode given)
                || given.hasNonNull("variables") && !given.get("variables").isObject()) {
            return body;
        }
        ObjectNode variables = given.get("variables") instanceof ObjectNode object ? object
                : given.putObject("variables");
        freshNotes.stream().filter(note -> !variables.has(note))
                .forEach(note -> variables.putObject(note).putNull("value"));
        return PLAIN_JSON.writeValueAsBytes(given);
    }

    /** What Camunda's own refusal of a task's {@code operation} begins with, and Tasklist leaves out. */
    private static String cannot(String operation, String taskId) {
        return switch (operation) {
            case "complete" -> "Cannot complete task ";
            case "resolve" -> "Cannot resolve task ";
            default -> "Cannot submit task form ";
        } + taskId + ": ";
    }

    private static String cannotStart(String definition) {
        return "Cannot instantiate process definition " + definition + ": ";
    }

    /** Someone signed in who is not an administrator; a request without a login is the API's to refuse. */
    private static boolean isChecked(Authentication caller) {
        return !EngineRestRules.administers(caller);
    }

    /**
     * Empty when a variable sent is not a field of the task's form (not checked for an {@code administrator}), or a
     * {@code complete} leaves out a note the form requires, and the refusal has been written; else the notes its step
     * asks afresh, which a {@code complete} that leaves them out is given empty (none for another submission, which
     * the engine writes to the task).
     */
    private Optional<List<String>> freshNotesUnlessRefused(HttpServletRequest request, HttpServletResponse response,
                                                           Authentication caller, boolean administrator,
                                                           String taskId, String operation, Sent sent)
            throws IOException {
        boolean completes = "complete".equals(operation);
        if (sent.variables().isEmpty() && !completes || administrator && !completes) {
            return Optional.of(List.of());
        }
        String cannot = cannot(operation, taskId);
        Optional<FormFields.TaskForm> form;
        try {
            form = formFields.getObject().ofTask(engines.getObject(), caller, taskId);
        } catch (RefusedEntryException unreadable) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "Not saved", unreadable.getMessage(), cannot,
                    errors(sent.variables(), "cannot be checked against the task's form"));
            return Optional.empty();
        }
        if (form.isEmpty()) {
            // No such task, or not the caller's to work: the engine's answer says so.
            return Optional.of(List.of());
        }
        boolean refused = !administrator && (refusedPast(request, response, cannot, form.get().fields(),
                sent.variables(), "Not saved", "task's form", "A submission sets the fields of the task's form only.")
                || refusedFields(request, response, cannot, form.get().hiddenButSent(sent.values()),
                        "is hidden on the task's form when %s, and takes no value")
                || refusedFields(request, response, cannot, form.get().readonlyButChanged(sent.values()),
                        "is read-only on the task's form (readonly: %s), and takes no value but the one it shows"))
                || completes && refused(request, response, cannot,
                        form.get().refusalOfFreshNotesLeftOut(sent.variables(), sent.values()));
        return refused ? Optional.empty()
                : Optional.of(completes ? form.get().freshNotes() : List.of());
    }

    /** Whether the submission is refused as {@code refusal} says, and the refusal has been written. */
    private boolean refused(HttpServletRequest request, HttpServletResponse response, String cannot,
                            Optional<? extends RefusedEntryException> refusal) throws IOException {
        if (refusal.isEmpty()) {
            return false;
        }
        refuse(request, response, HttpStatus.BAD_REQUEST, "Not saved", refusal.get().getMessage(), cannot,
                refusal.get().errors().stream()
                        .map(error -> new ApiProblem.FieldError(error.field(), error.message())).toList());
        return true;
    }

    /**
     * Whether a value was sent for a field that takes none from this submission, and the refusal has been written:
     * one the form hides once the submission is entered (form-js submits nothing for it), or one it shows read-only
     * with another value (form-js submits the value it shows). {@code refused}: each such field and its condition,
     * which {@code message} places.
     */
    private boolean refusedFields(HttpServletRequest request, HttpServletResponse response, String cannot,
                                  Map<String, String> refused, String message) throws IOException {
        if (refused.isEmpty()) {
            return false;
        }
        List<ApiProblem.FieldError> errors = refused.entrySet().stream().map(field -> new ApiProblem.FieldError(
                field.getKey(), message.formatted(field.getValue()))).toList();
        String detail = "Not saved: " + String.join("; ", errors.stream()
                .map(error -> error.field() + " " + error.message()).toList()) + ".";
        refuse(request, response, HttpStatus.BAD_REQUEST, "Not saved", detail, cannot, errors);
        return true;
    }

    /**
     * Whether a start carries a variable its start form does not submit, or asks to start elsewhere than at the start
     * event or without its listeners or mappings, and the refusal has been written.
     */
    private boolean refusedPastTheStartForm(HttpServletRequest request, HttpServletResponse response,
                                            Authentication caller, String definitionId, String key, String tenantId,
                                            Sent sent) throws IOException {
        Optional<FormFields.Start> start;
        try {
            start = formFields.getObject().ofStart(engines.getObject(), caller, definitionId, key, tenantId);
        } catch (RefusedEntryException unreadable) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "Not started", unreadable.getMessage(),
                    cannotStart(definitionId != null ? definitionId : key),
                    errors(sent.variables(), "cannot be checked against the start form"));
            return true;
        }
        if (start.isEmpty()) {
            // No such process, or not the caller's to start: the engine's answer says so.
            return false;
        }
        String cannot = cannotStart(start.get().definitionId());
        if (!sent.startOptions().isEmpty()) {
            String detail = "Not started: " + String.join(", ", sent.startOptions()) + " cannot be given here. A case"
                    + " starts at its start event, with all its steps, from the fields of its start form.";
            refuse(request, response, HttpStatus.BAD_REQUEST, "Not started", detail, cannot,
                    errors(sent.startOptions(), "is for administrators only"));
            return true;
        }
        return refusedPast(request, response, cannot, start.get().fields(), sent.variables(), "Not started",
                "start form", "A start sets the fields of the start form only.");
    }

    private boolean refusedPast(HttpServletRequest request, HttpServletResponse response, String cannot,
                                Set<String> fields, Set<String> sent, String outcome, String form, String rule)
            throws IOException {
        Set<String> refused = new TreeSet<>(sent);
        refused.removeAll(fields);
        if (refused.isEmpty()) {
            return false;
        }
        String detail = outcome + ": the " + form + " has no field " + String.join(", ", refused) + ". " + rule;
        refuse(request, response, HttpStatus.BAD_REQUEST, outcome, detail, cannot,
                errors(refused, "is not a field of the " + form));
        return true;
    }

    private static List<ApiProblem.FieldError> errors(Set<String> variables, String message) {
        return variables.stream().map(name -> new ApiProblem.FieldError(name, message)).toList();
    }

    /**
     * What a body sets: the names in its {@code variables}, every time it appears (Camunda's reader keeps the last),
     * and the other properties of a start that are not {@link #START_OPTIONS} and not left at nothing ({@code null},
     * {@code false}, an empty list): a start elsewhere than at the start event, or without its listeners or mappings.
     */
    record Sent(Set<String> variables, Set<String> startOptions, Map<String, Object> values) {
    }

    /** {@code values}: each variable's {@code value} as plain JSON (the last one sent, as Camunda reads it). */
    static Sent sent(byte[] body) throws IOException {
        Set<String> names = new TreeSet<>();
        Set<String> options = new TreeSet<>();
        Map<String, Object> values = new HashMap<>();
        try (JsonParser parser = JSON_READER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Sent(names, options, values);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String property = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("variables".equals(property) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        names.add(name);
                        parser.nextToken();
                        JsonNode variable = parser.readValueAsTree();
                        if (variable != null && variable.has("value")) {
                            values.put(name, PLAIN_JSON.treeToValue(variable.get("value"), Object.class));
                        }
                    }
                    continue;
                }
                boolean nothing = value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_FALSE;
                if (value == JsonToken.START_ARRAY) {
                    int entries = 0;
                    for (JsonToken entry = parser.nextToken(); entry != JsonToken.END_ARRAY;
                         entry = parser.nextToken()) {
                        if (entry == null) {
                            throw new IOException("The body ends inside " + property);
                        }
                        parser.skipChildren();
                        entries++;
                    }
                    nothing = entries == 0;
                } else {
                    parser.skipChildren();
                }
                if (!nothing && !START_OPTIONS.contains(property)) {
                    options.add(property);
                }
            }
        }
        return new Sent(names, options, values);
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
}
