package com.followthrough.communication;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * What a kind of message needs done as it is sent, in the same transaction, before it is composed. For example the
 * satisfaction survey issues a fresh token and hands the composer its link. Facts made here are set as
 * <em>transient</em> variables: the composer reads them like case variables, but they are never stored on the case
 * or in its history.
 */
public interface MessagePreparation {

    MessageKind kind();

    void prepare(DelegateExecution execution);
}
