package com.followthrough.intake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    public ResponseEntity<CaseFile> open(@RequestBody OpenCaseRequest request,
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
        IdempotentIntake.OpenedCase opened = key == null
                ? new IdempotentIntake.OpenedCase(intake.receive(startVariables), false)
                : idempotentIntake.open(user.getName(), key, fingerprint(request), startVariables);
        return ResponseEntity.created(URI.create("/api/cases/" + opened.reference()))
                .header("Idempotent-Replayed", String.valueOf(opened.replayed()))
                .body(asOpened(opened.reference()));
    }

    /**
     * The case as it was opened, for the one who opened it: read without the caller's authorizations, because an
     * agent may open a case (e.g. from a phone call) that lands in a queue they may not read.
     */
    private CaseFile asOpened(String reference) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return caseFiles.read(reference);
        } finally {
            identityService.setAuthentication(caller);
        }
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
