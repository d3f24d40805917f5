package com.followthrough.intake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HashMap;
import java.util.HexFormat;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AsTheApplication;
import com.followthrough.access.IntakeEndpoint;
import com.followthrough.api.ApiProblem;
import com.followthrough.casefile.CaseFile;
import com.followthrough.casefile.CaseFiles;
import com.followthrough.vocabulary.CaseVariable;

/**
 * {@code POST /api/cases}: an integrator opens a case (email, web form, chat) through the process's message
 * start event. With an {@code Idempotency-Key} header, a retried request returns the case the first one opened.
 */
@RestController
public class CaseIntakeController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Where each start variable sits in the request, so an error names the field the integrator sent. */
    private static final Map<String, String> FIELDS = Map.of(CaseVariable.CUSTOMER_NAME.name(), "customer.name",
            CaseVariable.CUSTOMER_EMAIL.name(), "customer.email", CaseVariable.CUSTOMER_PHONE.name(), "customer.phone",
            CaseVariable.PLAN.name(), "customer.plan");

    public record CustomerDetails(String name, String email, String phone, String plan) {
    }

    public record OpenCaseRequest(CustomerDetails customer, String language, String channel, String priority,
                                  String subject, String description) {

        Map<String, Object> startVariables() {
            CustomerDetails who = customer == null ? new CustomerDetails(null, null, null, null) : customer;
            Map<String, Object> variables = new HashMap<>();
            CaseVariable.CUSTOMER_NAME.put(variables, who.name());
            CaseVariable.CUSTOMER_EMAIL.put(variables, who.email());
            CaseVariable.CUSTOMER_PHONE.put(variables, who.phone());
            CaseVariable.PLAN.put(variables, who.plan());
            CaseVariable.LANGUAGE.put(variables, language);
            CaseVariable.CHANNEL.put(variables, channel);
            CaseVariable.PRIORITY.put(variables, priority);
            CaseVariable.SUBJECT.put(variables, subject);
            CaseVariable.DESCRIPTION.put(variables, description);
            variables.replaceAll((name, value) -> value == null ? null : value.toString().strip());
            return variables;
        }
    }

    /**
     * The answer to {@code POST /api/cases}: what the integrator needs to tell the customer and to follow the case,
     * computed from the start itself. The whole case file is one GET away ({@code links.self}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OpenedCase(String reference, String status, Deadlines deadlines, Map<String, String> links) {

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Deadlines(Instant firstResponseDueAt, Instant resolutionDueAt) {
        }

        static OpenedCase of(String reference, String status, Instant firstResponseDueAt, Instant resolutionDueAt) {
            String self = "/api/cases/" + reference;
            Map<String, String> links = new LinkedHashMap<>();
            links.put("self", self);
            links.put("messages", self + "/messages");
            links.put("calls", self + "/calls");
            return new OpenedCase(reference, status, new Deadlines(firstResponseDueAt, resolutionDueAt), links);
        }
    }

    private final CaseIntake intake;
    private final IdempotentIntake idempotentIntake;
    private final CaseFiles caseFiles;
    private final ObjectMapper json;
    private final IdentityService identityService;

    public CaseIntakeController(CaseIntake intake, IdempotentIntake idempotentIntake, CaseFiles caseFiles,
                                ObjectMapper json, IdentityService identityService) {
        this.identityService = identityService;
        this.intake = intake;
        this.idempotentIntake = idempotentIntake;
        this.caseFiles = caseFiles;
        this.json = json;
    }

    @IntakeEndpoint
    @PostMapping(path = "/api/cases", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<OpenedCase> open(@RequestBody OpenCaseRequest request,
                                         @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                         Principal user) {
        IdempotentIntake.checkKey(key);
        Map<String, Object> startVariables = request.startVariables();
        List<CaseStart.Problem> problems = CaseStart.problems(startVariables);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems.stream()
                    .map(p -> new ApiProblem.FieldError(FIELDS.getOrDefault(p.variable(), p.variable()), p.message()))
                    .toList());
        }
        AtomicReference<CaseIntake.Opened> started = new AtomicReference<>();
        Supplier<String> opening = () -> {
            CaseIntake.Opened justOpened = intake.open(startVariables);
            started.set(justOpened);
            return justOpened.reference();
        };
        IdempotentIntake.OpenedCase opened = key == null
                ? new IdempotentIntake.OpenedCase(opening.get(), false)
                : idempotentIntake.once(user.getName(), key, fingerprint(request), opening);
        CaseIntake.Opened fresh = started.get();
        OpenedCase answer = !opened.replayed() && fresh != null && fresh.reference().equals(opened.reference())
                ? OpenedCase.of(fresh.reference(), "open", fresh.firstResponseDueAt(), fresh.resolutionDueAt())
                : asOpenedEarlier(opened.reference());
        return ResponseEntity.created(URI.create(answer.links().get("self")))
                .header("Idempotent-Replayed", String.valueOf(opened.replayed()))
                .body(answer);
    }

    /**
     * A retried request gets the case its first request opened, with the deadlines as they stand: read without the
     * caller's authorizations, because an agent may open a case (e.g. from a phone call) that lands in a queue they
     * may not read.
     */
    private OpenedCase asOpenedEarlier(String reference) {
        return AsTheApplication.run(identityService, () -> {
            CaseFile file = caseFiles.read(reference);
            CaseFile.Deadlines deadlines = file.deadlines();
            return OpenedCase.of(reference, file.status(), deadlines == null ? null : deadlines.firstResponseDueAt(),
                    deadlines == null ? null : deadlines.resolutionDueAt());
        });
    }

    /** The request as the server understood it, so the same case with other whitespace or key order matches. */
    private String fingerprint(OpenCaseRequest request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
