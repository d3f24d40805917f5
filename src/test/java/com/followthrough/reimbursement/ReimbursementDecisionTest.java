package com.followthrough.reimbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.followthrough.DecisionTestEngine;

/**
 * The reimbursement decision (processes/reimbursement.dmn), run when a case is resolved: the documented cost
 * is offered back when we owe it, never a discount; a discount request never changes the decision (it is traced at
 * once, outside it: DiscountRequestsProcessTest).
 */
@Deployment(resources = "processes/reimbursement.dmn")
class ReimbursementDecisionTest {

    @RegisterExtension
    static ProcessEngineExtension engine = DecisionTestEngine.extension();

    /** Injected by the extension. */
    ProcessEngine processEngine;

    /** One case per rule, in table order: faultParty, guaranteeBreached, promisesBroken, customerCost, discountRequested, expected outputs. */
    static Stream<Arguments> rules() {
        return Stream.of(
                rule("a. company fault, cost above the agent's 100 EUR: refund it, a supervisor approves",
                        "company", false, 0, 150.0, false, "refund", "documentedCost", true),
                rule("b. company fault, cost within the agent's 100 EUR: refund it, no approval",
                        "company", false, 0, 40.0, false, "refund", "documentedCost", false),
                rule("c. service level missed, the miss cost above 100 EUR: service credit of that cost, approval",
                        "thirdParty", true, 0, 250.0, true, "serviceCredit", "costOfTheMiss", true),
                rule("d. service level missed, the miss cost within 100 EUR: service credit of that cost, no approval",
                        "unknown", true, 0, 60.0, false, "serviceCredit", "costOfTheMiss", false),
                rule("e. promise broken, the miss cost above 100 EUR: service credit of that cost, approval",
                        "customer", false, 2, 120.0, false, "serviceCredit", "costOfTheMiss", true),
                rule("f. promise broken, the miss cost within 100 EUR: service credit of that cost, no approval",
                        "thirdParty", false, 1, 30.0, true, "serviceCredit", "costOfTheMiss", false),
                rule("g. company fault without cost: nothing to reimburse, no discount",
                        "company", true, 1, 0.0, true, "none", "none", false),
                rule("h. nothing owed: no reimbursement (a discount request changes nothing)",
                        "customer", false, 0, 0.0, true, "none", "none", false),
                rule("h. nothing owed: no reimbursement",
                        "unknown", false, 0, 0.0, false, "none", "none", false));
    }

    private static Arguments rule(String name, String faultParty, Boolean guaranteeBreached, Integer promisesBroken,
            Double customerCost, Boolean discountRequested,
            String kind, String amountRule, boolean approvalNeeded) {
        return Arguments.of(name, faultParty, guaranteeBreached, promisesBroken, customerCost, discountRequested,
                kind, amountRule, approvalNeeded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleDecidesTheReimbursement(String rule, String faultParty, Boolean guaranteeBreached, Integer promisesBroken,
            Double customerCost, Boolean discountRequested,
            String kind, String amountRule, boolean approvalNeeded) {
        Map<String, Object> decision = decide(faultParty, guaranteeBreached, promisesBroken, customerCost, discountRequested);

        assertThat(decision)
                .containsEntry("reimbursementKind", kind)
                .containsEntry("amountRule", amountRule)
                .containsEntry("approvalNeeded", approvalNeeded)
                .doesNotContainKey("traceDiscountOffer");
    }

    @Test
    void exactly100EurIsWithinTheAgentsAuthorityAndOneCentMoreNeedsASupervisor() {
        assertThat(decide("company", false, 0, 100.0, false)).containsEntry("approvalNeeded", false);
        assertThat(decide("company", false, 0, 100.01, false)).containsEntry("approvalNeeded", true);
        assertThat(decide("thirdParty", true, 0, 100.0, false)).containsEntry("approvalNeeded", false);
        assertThat(decide("thirdParty", true, 0, 100.01, false)).containsEntry("approvalNeeded", true);
        assertThat(decide("customer", false, 1, 100.0, false)).containsEntry("approvalNeeded", false);
        assertThat(decide("customer", false, 1, 100.01, false)).containsEntry("approvalNeeded", true);
    }

    /**
     * Issue 12 item 9: a missed guarantee in a case that was not our fault covers the cost the miss caused, not every
     * cost of the case. 300 EUR documented, of which the late resolution caused below, at and above the agent's 100.
     */
    @ParameterizedTest(name = "{0} at fault, late, 300 EUR documented, the miss caused {1} EUR: credit it, approval {2}")
    @org.junit.jupiter.params.provider.CsvSource({"customer, 40.0, false", "customer, 100.0, false",
            "customer, 100.01, true", "thirdParty, 150.0, true", "unknown, 60.0, false"})
    void missedGuaranteeCoversTheCostTheMissCausedNotTheWholeCost(String faultParty, double costOfTheMiss,
            boolean approvalNeeded) {
        assertThat(decide(faultParty, true, 0, 300.0, costOfTheMiss, false))
                .containsEntry("reimbursementKind", "serviceCredit")
                .containsEntry("amountRule", "costOfTheMiss")
                .containsEntry("approvalNeeded", approvalNeeded);
        assertThat(decide(faultParty, false, 1, 300.0, costOfTheMiss, false))
                .containsEntry("amountRule", "costOfTheMiss")
                .containsEntry("approvalNeeded", approvalNeeded);
        assertThat(new ReimbursementAmounts().amount("costOfTheMiss", 300.0, costOfTheMiss)).isEqualTo(costOfTheMiss);
    }

    @Test
    void aMissThatCausedNoCostOwesNothingHoweverHighTheCaseCost() {
        assertThat(decide("customer", true, 2, 300.0, 0.0, false)).containsEntry("reimbursementKind", "none");
        assertThat(decide("customer", true, 2, 300.0, null, false)).containsEntry("reimbursementKind", "none");
    }

    /**
     * The cost a miss caused is part of the documented cost ("Of that, ..." on the resolve form), and the offer is the
     * smaller of the two: with nothing documented there is nothing to offer (not an offer of 0.00 EUR), and the
     * approval follows the amount offered.
     */
    @Test
    void aMissIsCreditedOnlyUpToTheDocumentedCostAndApprovedByThatAmount() {
        assertThat(decide("customer", true, 0, 0.0, 50.0, false)).containsEntry("reimbursementKind", "none");
        assertThat(decide("customer", false, 1, 0.0, 50.0, false)).containsEntry("reimbursementKind", "none");
        assertThat(decide("customer", false, 1, null, 150.0, false)).containsEntry("reimbursementKind", "none");
        assertThat(decide("thirdParty", true, 0, 50.0, 150.0, false))
                .containsEntry("reimbursementKind", "serviceCredit").containsEntry("approvalNeeded", false);
        assertThat(decide("thirdParty", false, 2, 100.0, 150.0, false))
                .containsEntry("reimbursementKind", "serviceCredit").containsEntry("approvalNeeded", false);
        assertThat(decide("thirdParty", false, 2, 100.01, 150.0, false)).containsEntry("approvalNeeded", true);
    }

    @Test
    void ourFaultStillCoversTheWholeDocumentedCost() {
        assertThat(decide("company", true, 0, 300.0, 20.0, false))
                .containsEntry("reimbursementKind", "refund").containsEntry("amountRule", "documentedCost");
        assertThat(new ReimbursementAmounts().amount("documentedCost", 300.0, 20.0)).isEqualTo(300.0);
    }

    @Test
    void theCostOfAMissIsNeverMoreThanTheDocumentedCost() {
        assertThat(new ReimbursementAmounts().amount("costOfTheMiss", 50.0, 80.0)).isEqualTo(50.0);
        assertThat(new ReimbursementAmounts().amount("costOfTheMiss", 50.0, null)).isEqualTo(0.0);
    }

    @Test
    void aWholeNumberCostFromTheFormIsTreatedLikeADecimalOne() {
        Map<String, Object> decision = evaluate(Variables.createVariables()
                .putValue("faultParty", "company")
                .putValue("guaranteeBreached", false)
                .putValue("promisesBroken", 0)
                .putValue("customerCost", 150)
                .putValue("discountRequested", false));

        assertThat(decision).containsEntry("reimbursementKind", "refund").containsEntry("approvalNeeded", true);
    }

    @Test
    void costsNeverEnteredAreDecidedLikeNoCost() {
        Map<String, Object> guaranteeMissed = Map.of("faultParty", "customer", "guaranteeBreached", true, "promisesBroken", 1);

        assertThat(evaluate(Variables.fromMap(guaranteeMissed)))
                .isEqualTo(decide("customer", true, 1, 0.0, 0.0, false))
                .containsEntry("reimbursementKind", "none");
        assertThat(evaluate(Variables.fromMap(guaranteeMissed).putValue("customerCost", 50.0)))
                .isEqualTo(decide("customer", true, 1, 50.0, 0.0, false));
        assertThat(new ReimbursementAmounts().amount("documentedCost", 50.0, null)).isEqualTo(50.0);
        assertThat(new ReimbursementAmounts().amount("costOfTheMiss", null, null)).isEqualTo(0.0);
    }

    @Test
    void companyFaultWithoutADocumentedCostIsLikeNoCost() {
        assertThat(decide("company", true, 2, null, false))
                .containsEntry("reimbursementKind", "none")
                .containsEntry("amountRule", "none")
                .containsEntry("approvalNeeded", false);
    }

    @Test
    void missedServiceLevelAndBrokenPromiseWithoutADocumentedCostOweNothing() {
        assertThat(decide("thirdParty", true, 1, null, false))
                .containsEntry("reimbursementKind", "none")
                .containsEntry("amountRule", "none")
                .containsEntry("approvalNeeded", false);
    }

    @Test
    void aCostThatWasNeverSetIsLikeNoCost() {
        Map<String, Object> decision = evaluate(Variables.createVariables()
                .putValue("faultParty", "company")
                .putValue("guaranteeBreached", true)
                .putValue("promisesBroken", 1)
                .putValue("discountRequested", false));

        assertThat(decision).containsEntry("reimbursementKind", "none").containsEntry("amountRule", "none");
    }

    @ParameterizedTest(name = "{0} at fault, customer asked for a discount: no discount")
    @ValueSource(strings = {"customer", "thirdParty", "unknown"})
    void discountRequestWithoutCompanyFaultGetsNothing(String faultParty) {
        assertThat(decide(faultParty, false, 0, 0.0, true))
                .containsEntry("reimbursementKind", "none")
                .containsEntry("amountRule", "none")
                .containsEntry("approvalNeeded", false);
    }

    @ParameterizedTest(name = "company fault, cost {0} EUR, customer asked for a discount: refund of the cost, not more")
    @ValueSource(doubles = {80.0, 180.0})
    void companyFaultWithADiscountRequestIsRefundedTheCostNotMore(double customerCost) {
        assertThat(decide("company", false, 0, customerCost, true))
                .containsEntry("reimbursementKind", "refund")
                .containsEntry("amountRule", "documentedCost")
                .containsEntry("approvalNeeded", customerCost > 100);
    }

    /**
     * Over every combination of the inputs (including empty ones): one answer, and the only money ever offered
     * is the documented cost, only when the customer bore one and we owe it.
     */
    @Test
    void neverADiscountOnlyTheDocumentedCostWhenWeOweIt() {
        List<String> faultParties = Arrays.asList("company", "customer", "thirdParty", "unknown", null);
        List<Boolean> flags = Arrays.asList(true, false, null);
        List<Integer> promises = Arrays.asList(0, 2, null);
        List<Double> costs = Arrays.asList(null, 0.0, 100.0, 100.5);
        int evaluated = 0;
        for (String faultParty : faultParties) {
            for (Boolean guaranteeBreached : flags) {
                for (Integer promisesBroken : promises) {
                    for (Double cost : costs) {
                        for (Boolean discountRequested : flags) {
                            Map<String, Object> d = decide(faultParty, guaranteeBreached, promisesBroken, cost, discountRequested);
                            String inputs = faultParty + "/" + guaranteeBreached + "/" + promisesBroken + "/" + cost + "/" + discountRequested;
                            boolean hasCost = cost != null && cost > 0;
                            boolean companyFault = "company".equals(faultParty);
                            boolean weOwe = companyFault || Boolean.TRUE.equals(guaranteeBreached)
                                    || (promisesBroken != null && promisesBroken > 0);
                            String expectedKind = !(hasCost && weOwe) ? "none" : companyFault ? "refund" : "serviceCredit";

                            assertThat(d).as(inputs)
                                    .containsEntry("reimbursementKind", expectedKind)
                                    .containsEntry("amountRule", "none".equals(expectedKind) ? "none"
                                            : companyFault ? "documentedCost" : "costOfTheMiss")
                                    .containsEntry("approvalNeeded", !"none".equals(expectedKind) && cost > 100);
                            assertThat(d).as("%s: a discount request changes nothing", inputs).isEqualTo(
                                    decide(faultParty, guaranteeBreached, promisesBroken, cost, !Boolean.TRUE.equals(discountRequested)));
                            evaluated++;
                        }
                    }
                }
            }
        }
        assertThat(evaluated).isEqualTo(5 * 3 * 3 * 4 * 3);
    }

    /** The miss caused the whole documented cost. */
    private Map<String, Object> decide(String faultParty, Boolean guaranteeBreached, Integer promisesBroken,
            Double customerCost, Boolean discountRequested) {
        return decide(faultParty, guaranteeBreached, promisesBroken, customerCost, customerCost, discountRequested);
    }

    private Map<String, Object> decide(String faultParty, Boolean guaranteeBreached, Integer promisesBroken,
            Double customerCost, Double costOfTheMiss, Boolean discountRequested) {
        return evaluate(Variables.createVariables()
                .putValue("faultParty", faultParty)
                .putValue("guaranteeBreached", guaranteeBreached)
                .putValue("promisesBroken", promisesBroken)
                .putValue("customerCost", customerCost)
                .putValue("costOfTheMiss", costOfTheMiss)
                .putValue("discountRequested", discountRequested));
    }

    private Map<String, Object> evaluate(VariableMap variables) {
        DmnDecisionResult result = processEngine.getDecisionService().evaluateDecisionByKey("Reimbursement").variables(variables).evaluate();
        assertThat(result).as("a FIRST table with a catch-all rule always answers once").hasSize(1);
        return result.getSingleResult().getEntryMap();
    }
}
