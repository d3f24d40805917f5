package com.followthrough.communication;

/**
 * Where people working on a case see that the customer just wrote: the forms of the case's open tasks, which Tasklist's
 * presentation keeps ({@code tasklist.TaskPresentation} implements this; it reads the messages from here, so this
 * side names only what it asks of it).
 */
public interface OpenTasksOfTheCase {

    /** Shows the case's messages, with the one just recorded, in the forms of the case's claimed tasks. */
    void showNewMessageOnClaimedTasks(String caseReference);

    /** The same, and on the case's open Listen task too, claimed or not. */
    void showNewMessageOnClaimedTasksAndListen(String caseReference, String listenTaskDefinitionKey);
}
