/**
 * Waiting on the customer (issue 15): an agent asks the customer for something from the diagnose, callback or answer
 * step; the case's resolution clock stands still until the customer answers, the customer is reminded, and a case
 * nobody answers closes kindly. The event sub-process "Wait for the customer" in "Work on the solution" holds it.
 */
package com.followthrough.waiting;
