package com.followthrough.vocabulary;

import java.util.List;

/**
 * The keys of our processes, the ids in {@code processes/*.bpmn} by which the engine starts and finds their instances,
 * and the tasks the code finds by their ids in more than one capability. A process or task renamed in the Modeler
 * fails {@code ProcessKeysTest} instead of leaving a query that finds nothing.
 */
public final class Processes {

    /** {@code support-case.bpmn}: one instance per customer case, its business key the case's reference. */
    public static final String SUPPORT_CASE = "SupportCase";
    /** {@code keep-promise.bpmn}: one promised callback, called by a case or by a last-chance call. */
    public static final String KEEP_PROMISE = "KeepPromise";
    /** {@code customer-feedback.bpmn}: the survey after a case is closed, and the last-chance call. */
    public static final String CUSTOMER_FEEDBACK = "CustomerFeedback";

    /** The user tasks of {@link #KEEP_PROMISE} in which the promised callback is made: the first call, then a retry. */
    public static final List<String> CALLBACK_TASKS = List.of("Task_CallCustomerBack", "Task_CallCustomerAgain");
    /** The supervisors' step of {@link #KEEP_PROMISE} when a callback is late ("Keep the promise at risk"). */
    public static final String KEEP_PROMISE_AT_RISK = "Task_KeepPromiseAtRisk";
    /**
     * The form of {@link #KEEP_PROMISE_AT_RISK}, and of the customer feedback's own copy of the step in its versions
     * before the step moved into KeepPromise, which the insights find by it.
     */
    public static final String KEEP_PROMISE_AT_RISK_FORM = "keep-promise-at-risk";

    private Processes() {
    }
}
