package com.followthrough.feedback;

import java.time.Instant;

/** The satisfaction survey of one closed case: when it went out, what the customer answered, and the last chance. */
public record Survey(String caseReference, String tokenHash, Instant sentAt, Instant answeredAt, Integer rating,
                     String comment, String lastChanceOutcome, Instant lastChanceAt) {

    public boolean answered() {
        return answeredAt != null;
    }
}
