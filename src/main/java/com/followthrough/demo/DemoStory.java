package com.followthrough.demo;

import java.time.Instant;
import java.util.List;

/**
 * What happens to one generated case, decided up front: who the customer is, which way the case goes, what the customer
 * does and how the team decides. {@link SimulatedCase} plays it through the real processes.
 */
record DemoStory(Instant openedAt, DemoCustomer customer, Path path, boolean firstResponseLate, boolean writesIn,
                 AfterResolution afterResolution, Reimbursement reimbursement, boolean discountRequested,
                 String faultParty, double customerCost, Integer rating, LastChance lastChance,
                 ForTheSupervisor forTheSupervisor, Instant callbackAt) {

    /**
     * One of today's cases that waits for a supervisor when the history ends, so that the supervisor's Tasklist has
     * work in it: its steps follow each other within minutes, and the supervisor's task is left open.
     */
    enum ForTheSupervisor {
        NOTHING(null),
        PROMISE_AT_RISK("Task_KeepPromiseAtRisk"),
        APPROVAL("Task_ApproveReimbursement"),
        LAST_CHANCE("Task_CallForALastChance");

        /** The task the supervisor finds open. */
        final String task;

        ForTheSupervisor(String task) {
            this.task = task;
        }
    }

    boolean waitsForTheSupervisor() {
        return forTheSupervisor != ForTheSupervisor.NOTHING;
    }

    /** The way the work on the solution goes. */
    enum Path {
        SOLVED_AT_FIRST_CONTACT("solved", null),
        SPECIALIST("specialistNeeded", "solved"),
        SPECIALIST_THEN_CALLBACK("specialistNeeded", "answerKnown", "reachedSolved"),
        CALLBACK_KEPT("answerKnown", null, "reachedSolved"),
        CALLBACK_BROKEN("answerKnown", null, "reachedSolved"),
        VOICEMAIL_THEN_RETRY("answerKnown", null, "notReached", "reachedSolved"),
        VOICEMAIL_THEN_CUSTOMER_CALLS("answerKnown", null, "notReached", "reachedSolved"),
        /** The first callback leaves it open: the owner diagnoses again, knows the next step and promises again. */
        SECOND_PROMISE("answerKnown", null, "reachedNotSolved", "reachedSolved"),
        /**
         * The owner asks the customer and waits: no answer comes, the work stops and the case closes at the end of its
         * quiet period, unless the customer comes back then to confirm it is solved ({@link AfterResolution}).
         */
        NO_ANSWER_FROM_CUSTOMER("waitForCustomer", null),
        /**
         * A duplicate: the customer's problem is worked in another case, and an operator cancels this one in Cockpit
         * before its promised callback, which is cancelled with it.
         */
        CANCELLED_AS_DUPLICATE("answerKnown", null);

        final String diagnosis;
        final String specialistDiagnosis;
        final List<String> callbacks;

        Path(String diagnosis, String specialistDiagnosis, String... callbacks) {
            this.diagnosis = diagnosis;
            this.specialistDiagnosis = specialistDiagnosis;
            this.callbacks = List.of(callbacks);
        }
    }

    /** What the customer does once told how it was solved. */
    enum AfterResolution { CONFIRMS, STAYS_QUIET, REOPENS }

    /** How the proactive reimbursement ends (reimbursement.dmn: up to 100 EUR is the agent's authority). */
    enum Reimbursement { NONE, WITHIN_AUTHORITY, APPROVED, DECLINED, APPROVAL_OVERDUE }

    /** How the supervisor's last-chance call ends, when the case needs one. */
    enum LastChance {
        STAYS("stays"), LEAVES("leaves"), NO_ANSWER("noAnswer");

        final String outcome;

        LastChance(String outcome) {
            this.outcome = outcome;
        }
    }

    boolean promiseBroken() {
        return path == Path.CALLBACK_BROKEN;
    }
}
