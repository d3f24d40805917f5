package com.followthrough.access;

import org.camunda.bpm.engine.IdentityService;

import com.followthrough.process.CaseDriver;

/**
 * Two agents of one team reaching for the same task: Anna (a demo user) and Tom Baker, who joins the English agents
 * (agents, agents-en) with a password of his own before a test and leaves after it; and "Listen to the customer" as
 * Tasklist submits it.
 */
final class TwoAgents {

    static final String TOM = "tom:a-long-password-1";
    /** "Listen to the customer" as Tasklist submits it. */
    static final String LISTENED = "{\"variables\": {"
            + "\"problemInCustomersWords\": {\"value\": \"Charged twice for November\"},"
            + " \"factsGathered\": {\"value\": \"Two debits of 49 EUR on 2 Nov\"},"
            + " \"questionsAsked\": {\"value\": \"Which card?\"},"
            + " \"preferredContactChannel\": {\"value\": \"phone\"},"
            + " \"callbackNumber\": {\"value\": \"+1 555 0100\"},"
            + " \"discountRequested\": {\"value\": false}, \"spokeToCustomer\": {\"value\": \"yes\"}}}";

    private TwoAgents() {
    }

    static void tomJoinsTheEnglishAgents(IdentityService identity) {
        CaseDriver.joinsWithPassword(identity, "tom", "a-long-password-1", "Tom", "Baker", "agents", "agents-en");
    }

    static void tomLeaves(IdentityService identity) {
        identity.deleteUser("tom");
    }
}
