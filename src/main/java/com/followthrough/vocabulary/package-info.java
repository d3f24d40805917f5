/**
 * The words a case is described by (plan, language, channel, priority, who is at fault), defined once: the id each
 * has in the case variables and the JSON, and the English words a person reads for it (forms, Tasklist, Cockpit).
 * Intake validates against these, insights filters by them, the demo draws from them. The process variables several
 * steps share (reference, customer, owner, deadlines, ...) are read and written through the typed keys of
 * {@link com.followthrough.vocabulary.CaseVariable}, and our processes are named by their keys in
 * {@link com.followthrough.vocabulary.Processes}. This package depends on nothing else of the application, so every
 * capability may use it without importing another's.
 */
package com.followthrough.vocabulary;
