package com.followthrough.vocabulary;

/**
 * The keys of our processes, the ids in {@code processes/*.bpmn} by which the engine starts and finds their instances.
 * A process renamed in the Modeler fails {@code ProcessKeysTest} instead of leaving a query here that finds nothing.
 */
public final class Processes {

    /** {@code support-case.bpmn}: one instance per customer case, its business key the case's reference. */
    public static final String SUPPORT_CASE = "SupportCase";
    /** {@code keep-promise.bpmn}: one promised callback, called by a case or by a last-chance call. */
    public static final String KEEP_PROMISE = "KeepPromise";
    /** {@code customer-feedback.bpmn}: the survey after a case is closed, and the last-chance call. */
    public static final String CUSTOMER_FEEDBACK = "CustomerFeedback";

    private Processes() {
    }
}
