package com.followthrough.communication;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.followthrough.api.ApiProblem;
import com.followthrough.casefile.CaseLookup;
import com.followthrough.intake.CaseStart;

/**
 * What the customer sends after the case is open: {@code POST /api/cases/{reference}/messages} reaches the case
 * at whatever stage it is; {@code POST /api/cases/{reference}/calls} ends a callback wait if one is open.
 * A closed case answers 409 (see {@link CaseLookup#findOpen}).
 */
@RestController
public class CustomerContactController {

    static final int MAX_TEXT = 20_000;
    static final int MAX_NOTE = 2_000;

    public record MessageFromCustomer(String text, String channel) {
    }

    public record CallFromCustomer(String note) {
    }

    public record MessageAttached(String reference, boolean attached) {
    }

    public record CallNoted(String reference, boolean callbackWaitEnded) {
    }

    private final CaseLookup cases;
    private final CaseInbox inbox;

    public CustomerContactController(CaseLookup cases, CaseInbox inbox) {
        this.cases = cases;
        this.inbox = inbox;
    }

    @PostMapping(path = "/api/cases/{reference}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public MessageAttached message(@PathVariable String reference, @RequestBody MessageFromCustomer message) {
        String text = message.text() == null ? "" : message.text().trim();
        String channel = message.channel() == null ? "" : message.channel().trim();
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        if (text.isEmpty()) {
            errors.add(new ApiProblem.FieldError("text", "is required"));
        } else if (text.length() > MAX_TEXT) {
            errors.add(new ApiProblem.FieldError("text", "must be at most " + MAX_TEXT + " characters, not " + text.length()));
        }
        if (!CaseStart.CHANNELS.contains(channel)) {
            errors.add(new ApiProblem.FieldError("channel", "must be one of " + CaseStart.CHANNELS.stream().sorted().toList()
                    + (channel.isEmpty() ? "" : ", not '" + channel + "'")));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        cases.findOpen(reference);
        inbox.customerWroteIn(reference, text, channel);
        return new MessageAttached(reference, true);
    }

    @PostMapping(path = "/api/cases/{reference}/calls")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public CallNoted call(@PathVariable String reference, @RequestBody(required = false) CallFromCustomer call) {
        String note = call == null || call.note() == null ? "" : call.note().trim();
        if (note.length() > MAX_NOTE) {
            throw ApiProblem.invalid("note", "must be at most " + MAX_NOTE + " characters, not " + note.length());
        }
        cases.findOpen(reference);
        boolean callbackWaitEnded = inbox.customerCalledIn(reference,
                note.isEmpty() ? "The customer called." : note);
        return new CallNoted(reference, callbackWaitEnded);
    }
}
