package com.followthrough.intake;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.followthrough.EngineClock;
import com.followthrough.access.IntakeEndpoint;
import com.followthrough.FieldChecks;
import com.followthrough.api.ApiProblem;
import com.followthrough.casefile.CaseLookup;
import com.followthrough.communication.CaseInbox;
import com.followthrough.communication.CustomerMessage;
import com.followthrough.communication.CustomerMessages;
import com.followthrough.communication.CustomerWords;
import com.followthrough.communication.MailDispatcher;
import com.followthrough.organization.SupportGroups;
import com.followthrough.vocabulary.Channel;

/**
 * What the customer sends after the case is open: {@code POST /api/cases/{reference}/messages} reaches the case
 * at whatever stage it is; {@code POST /api/cases/{reference}/calls} ends a callback wait if one is open;
 * {@code /confirmation} and {@code /reopening} close or reopen a resolved case, and at any other stage reach the
 * owner as a message. A message or call for a closed case is never refused: it opens a case linked to it (see
 * {@link FollowUpCases}), and the answer names the reference that now carries it; so is a confirmation's note, which
 * a person must read. What arrives as the case closes gets the same. With an {@code Idempotency-Key}, a retried
 * message, call, reopening or confirmation answers what the first one did: the open case it reached, and how, or the
 * follow-up it opened; it reaches no case again.
 */
@RestController
public class CustomerContactController {

    /**
     * What the customer wrote or said (a message's text, a call's or a confirmation's note, a reopening's reason) is
     * kept whole in the case's message record, up to this; the case's variables, and a follow-up's description, hold a
     * shortened copy that says where the whole is ({@link CustomerWords}).
     */
    static final int MAX_TEXT = CustomerWords.MAX_LENGTH;
    private static final String REPLAYED = "Idempotent-Replayed";

    public record MessageFromCustomer(String text, String channel) {
    }

    public record CallFromCustomer(String note) {
    }

    /** {@code reference}: the case that carries the message, a new one linked to {@code followUpOf} if that was closed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageAttached(String reference, boolean attached, String followUpOf) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallNoted(String reference, boolean callbackWaitEnded, String followUpOf) {
    }

    public record ConfirmationFromCustomer(String note) {
    }

    public record ReopeningFromCustomer(String reason) {
    }

    /**
     * {@code outcome}: confirmed (without a note) or reopened when the resolved case was waiting for it, else attached
     * as a message;
     * for a closed case, closed (a confirmation without a note needs nothing more) or followUp ({@code reference} is
     * the new case, which carries the reason or the note).
     */
    public record ReplyTaken(String reference, String outcome) {
    }

    public record ResendQueued(String reference, long messageId, String messageIdHeader) {
    }

    /** Who may send a message again that may already have reached the customer: a person who takes responsibility. */
    private static final Set<String> MAY_RESEND = Set.of(SupportGroups.SUPERVISORS, SupportGroups.CAMUNDA_ADMIN);

    private final CaseLookup cases;
    private final CaseInbox inbox;
    private final CustomerMessages messages;
    private final MailDispatcher dispatcher;
    private final IdentityService identityService;
    private final FollowUpCases followUps;
    private final IdempotentIntake idempotentIntake;
    private final EngineClock clock;

    public CustomerContactController(CaseLookup cases, CaseInbox inbox, CustomerMessages messages,
                                     MailDispatcher dispatcher, IdentityService identityService,
                                     FollowUpCases followUps, IdempotentIntake idempotentIntake, EngineClock clock) {
        this.clock = clock;
        this.followUps = followUps;
        this.idempotentIntake = idempotentIntake;
        this.cases = cases;
        this.inbox = inbox;
        this.messages = messages;
        this.dispatcher = dispatcher;
        this.identityService = identityService;
    }

    @IntakeEndpoint
    @PostMapping(path = "/api/cases/{reference}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public MessageAttached message(@PathVariable String reference, @RequestBody MessageFromCustomer message,
                                   @RequestHeader(name = IdempotentIntake.HEADER, required = false) String key,
                                   Principal user, HttpServletResponse response) {
        IdempotentIntake.checkKey(key);
        String text = message.text() == null ? "" : message.text().strip();
        String channel = message.channel() == null ? "" : message.channel().trim();
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        Optional<String> unfit = FieldChecks.notPlainText(message.text() == null ? "" : message.text(), true);
        if (text.isEmpty()) {
            errors.add(new ApiProblem.FieldError("text", "is required"));
        } else if (unfit.isPresent()) {
            errors.add(new ApiProblem.FieldError("text", unfit.get()));
        } else {
            FieldChecks.tooLong(text, MAX_TEXT).ifPresent(problem -> errors.add(new ApiProblem.FieldError("text", problem)));
        }
        FieldChecks.notOneOf(channel, Channel.IDS)
                .ifPresent(problem -> errors.add(new ApiProblem.FieldError("channel", problem)));
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return deliverOnce(reference, key, user, response,
                List.of("/api/cases/" + reference + "/messages", text, channel),
                delivered -> inbox.customerWroteIn(reference, text, channel, delivered),
                closedAt -> followUps.open(reference, closedAt, text, channel),
                (carrier, outcome) -> outcome == CaseInbox.Outcome.CLOSED
                        ? new MessageAttached(carrier, true, reference) : new MessageAttached(reference, true, null));
    }

    @IntakeEndpoint
    @PostMapping(path = "/api/cases/{reference}/calls", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public CallNoted call(@PathVariable String reference, @RequestBody(required = false) CallFromCustomer call,
                          @RequestHeader(name = IdempotentIntake.HEADER, required = false) String key,
                          Principal user, HttpServletResponse response) {
        IdempotentIntake.checkKey(key);
        String sent = call == null || call.note() == null ? "" : call.note();
        String note = sent.strip();
        FieldChecks.notPlainText(sent, true).or(() -> FieldChecks.tooLong(note, MAX_TEXT)).ifPresent(message -> {
            throw ApiProblem.invalid("note", message);
        });
        String said = CaseInbox.callAsWritten(note);
        return deliverOnce(reference, key, user, response, List.of("/api/cases/" + reference + "/calls", note),
                delivered -> inbox.customerCalledIn(reference, note, delivered),
                closedAt -> followUps.open(reference, closedAt, said, "phone"),
                (carrier, outcome) -> outcome == CaseInbox.Outcome.CLOSED ? new CallNoted(carrier, false, reference)
                        : new CallNoted(reference, outcome == CaseInbox.Outcome.TAKEN, null));
    }

    @IntakeEndpoint
    @PostMapping(path = "/api/cases/{reference}/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ReplyTaken confirmation(@PathVariable String reference,
                                   @RequestBody(required = false) ConfirmationFromCustomer body,
                                   @RequestHeader(name = IdempotentIntake.HEADER, required = false) String key,
                                   Principal user, HttpServletResponse response) {
        IdempotentIntake.checkKey(key);
        String sent = body == null || body.note() == null ? "" : body.note();
        String note = sent.strip();
        FieldChecks.notPlainText(sent, true).or(() -> FieldChecks.tooLong(note, MAX_TEXT)).ifPresent(problem -> {
            throw ApiProblem.invalid("note", problem);
        });
        // Whatever the note says, a person reads it: filed on a closed case, nobody would. Without one, a closed
        // case needs nothing more.
        return deliverOnce(reference, key, user, response, List.of("/api/cases/" + reference + "/confirmation", note),
                delivered -> inbox.customerConfirms(reference, note, delivered),
                note.isEmpty() ? null : closedAt -> followUps.open(reference, closedAt, note, "web"),
                (carrier, outcome) -> new ReplyTaken(carrier, switch (outcome) {
                    case TAKEN -> "confirmed";
                    case ATTACHED -> "attached";
                    case CLOSED -> carrier.equals(reference) ? "closed" : "followUp";
                }));
    }

    @IntakeEndpoint
    @PostMapping(path = "/api/cases/{reference}/reopening", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ReplyTaken reopening(@PathVariable String reference, @RequestBody ReopeningFromCustomer body,
                               @RequestHeader(name = IdempotentIntake.HEADER, required = false) String key,
                               Principal user, HttpServletResponse response) {
        IdempotentIntake.checkKey(key);
        String sent = body.reason() == null ? "" : body.reason();
        String reason = sent.strip();
        if (reason.isEmpty()) {
            throw ApiProblem.invalid("reason", "is required: what is still not right, in the customer's words");
        }
        FieldChecks.notPlainText(sent, true).or(() -> FieldChecks.tooLong(reason, MAX_TEXT)).ifPresent(problem -> {
            throw ApiProblem.invalid("reason", problem);
        });
        return deliverOnce(reference, key, user, response, List.of("/api/cases/" + reference + "/reopening", reason),
                delivered -> inbox.customerAsksToReopen(reference, reason, delivered),
                closedAt -> followUps.open(reference, closedAt, reason, "web"),
                (carrier, outcome) -> new ReplyTaken(carrier, switch (outcome) {
                    case TAKEN -> "reopened";
                    case ATTACHED -> "attached";
                    case CLOSED -> "followUp";
                }));
    }

    /**
     * {@code POST /api/cases/{reference}/messages/{id}/resend}: a supervisor checked a FAILED or DELIVERY_UNCERTAIN
     * message and decides it goes out (again), with the same Message-ID.
     */
    @PostMapping(path = "/api/cases/{reference}/messages/{id}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResendQueued resend(@PathVariable String reference, @PathVariable long id) {
        Authentication user = identityService.getCurrentAuthentication();
        if (user == null || user.getGroupIds().stream().noneMatch(MAY_RESEND::contains)) {
            throw ApiProblem.forbidden("Only supervisors may send a message to the customer again.");
        }
        cases.find(reference);
        CustomerMessage message = messages.find(id).filter(m -> m.caseReference().equals(reference))
                .orElseThrow(() -> ApiProblem.notFound("id", "is no message of case " + reference,
                        "Case " + reference + " has no message " + id + "."));
        if (!dispatcher.resend(id)) {
            throw ApiProblem.conflict("Not resendable", "id", "is a message that is " + message.deliveryStatus()
                    + ", not FAILED or DELIVERY_UNCERTAIN", "Message " + id + " is " + message.deliveryStatus()
                    + "; only FAILED or DELIVERY_UNCERTAIN messages are sent again.");
        }
        return new ResendQueued(reference, id, CustomerMessage.messageId(id));
    }

    /**
     * When the case closed: as found, or, for a case found open that closed before what the customer sent reached it
     * (the quiet period or a confirmation ended it in between), as it is now; a case that is closing (its closing
     * summary not sent yet, {@link CaseInbox}) closes now.
     */
    private Instant closedAt(CaseLookup.FoundCase found) {
        if (found.closed()) {
            return found.closedAt();
        }
        Instant closedAt = cases.find(found.reference()).closedAt();
        return closedAt != null ? closedAt : clock.now();
    }

    /**
     * Takes what the customer sent to case {@code reference} at most once per key, when the client sent one; the
     * answer is built from the case that carries it and the outcome ({@link CaseInbox.Outcome#CLOSED}: sent to a
     * closed case, carried by the follow-up, or by that case when {@code followUp} is null and nothing is opened).
     * A case found open gets it through {@code toOpenCase}, which records the key in the transaction that changes the
     * case; a closed one, or one that closed meanwhile, gets a follow-up opened with the key. A key used before
     * answers what its first request did and changes nothing, also when the case has closed since. The fingerprint
     * names the endpoint and case, so the same key on another endpoint or case is another request and refused (409).
     */
    private <T> T deliverOnce(String reference, String key, Principal user, HttpServletResponse response,
                              List<String> request, Function<Consumer<CaseInbox.Outcome>, CaseInbox.Outcome> toOpenCase,
                              Function<Instant, String> followUp, BiFunction<String, CaseInbox.Outcome, T> answer) {
        String hash = IdempotentIntake.fingerprint(request.toArray(String[]::new));
        Optional<IdempotentIntake.Recorded> earlier = key == null ? Optional.empty()
                : idempotentIntake.earlier(user.getName(), key, hash);
        if (earlier.isPresent()) {
            return replay(earlier.get(), response, answer);
        }
        CaseLookup.FoundCase found = cases.find(reference);
        if (!found.closed()) {
            CaseInbox.Outcome outcome;
            try {
                outcome = toOpenCase.apply(key == null ? reached -> { } : reached -> idempotentIntake.record(
                        user.getName(), key, hash, new IdempotentIntake.Recorded(reference, reached.name())));
            } catch (DuplicateKeyException racedByTheSameRequest) {
                // A request with the same key committed first; what this one did was rolled back with the key.
                return replay(idempotentIntake.earlier(user.getName(), key, hash)
                        .orElseThrow(() -> racedByTheSameRequest), response, answer);
            }
            if (outcome != CaseInbox.Outcome.CLOSED) {
                if (key != null) {
                    response.setHeader(REPLAYED, "false");
                }
                return answer.apply(reference, outcome);
            }
        }
        if (followUp == null) {
            return answer.apply(reference, CaseInbox.Outcome.CLOSED);
        }
        Supplier<String> opening = () -> followUp.apply(closedAt(found));
        if (key == null) {
            return answer.apply(opening.get(), CaseInbox.Outcome.CLOSED);
        }
        IdempotentIntake.OpenedCase opened = idempotentIntake.once(user.getName(), key, hash, opening);
        response.setHeader(REPLAYED, String.valueOf(opened.replayed()));
        return answer.apply(opened.reference(), CaseInbox.Outcome.CLOSED);
    }

    /** The answer the key's first request got: a key recorded without an outcome opened the follow-up. */
    private static <T> T replay(IdempotentIntake.Recorded first, HttpServletResponse response,
                                BiFunction<String, CaseInbox.Outcome, T> answer) {
        response.setHeader(REPLAYED, "true");
        return answer.apply(first.reference(),
                first.outcome() == null ? CaseInbox.Outcome.CLOSED : CaseInbox.Outcome.valueOf(first.outcome()));
    }
}
