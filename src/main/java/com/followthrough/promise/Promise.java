package com.followthrough.promise;

import java.time.Instant;

/**
 * A callback promised to a customer: who made it, when, for when, whether it was kept, and, if it was at risk, the
 * supervisor who took it over and who calls the customer now ({@code handedTo}, or the team whose queue holds the call,
 * {@code handedToTeam}); if it broke, who held the callback then ({@code brokenHolder}, the person it counts against);
 * if its case or its KeepPromise was cancelled while it was open, when ({@code cancelledAt}). The steps (activity
 * instances) that made, fulfilled and broke it, where one did (null on promises recorded before 7 December 2026).
 */
public record Promise(long id, String caseReference, String madeBy, Instant madeAt, Instant dueAt,
                      String nextActions, String callbackNumber, Status status, Instant brokenAt,
                      Instant fulfilledAt, String takenOverBy, Instant takenOverAt, String handedTo,
                      String brokenHolder, String handedToTeam, Instant cancelledAt, String madeInStep,
                      String fulfilledInStep, String brokenInStep) {

    /** Who calls the customer now as they may be told: the colleague it went to, else who made it; null for a queue. */
    public String caller() {
        if (handedTo != null) {
            return handedTo;
        }
        return handedToTeam != null ? null : madeBy;
    }

    public enum Status {
        /** Made, and its time has not come. */
        OPEN,
        /** The owner called back by the promised time. */
        KEPT,
        /** The promised time passed without a callback; stays broken even if the call comes later. */
        BROKEN,
        /**
         * Its case, or its KeepPromise alone, was cancelled while it was open: nobody calls any more, and it was
         * neither kept nor broken.
         */
        CANCELLED
    }
}
