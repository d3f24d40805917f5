package com.followthrough.feedback;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.RefusedEntryException;
import com.followthrough.TaskActor;

/**
 * "Call the customer: last chance", on complete: who made the call ({@code lastChanceCalledBy}), who keeps a callback
 * promised on it, and whether one was promised ({@code lastChanceCallbackPromised}, false when the form left it out).
 * A callback promised on a call nobody answered is refused: the customer heard no promise.
 */
@Component("lastChanceCall")
public class LastChanceCallListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        boolean promised = Boolean.TRUE.equals(task.getVariable("lastChanceCallbackPromised"));
        if (promised && "noAnswer".equals(task.getVariable("lastChanceOutcome"))) {
            throw RefusedEntryException.naming("lastChanceCallbackPromised", "you could not reach the customer, so you"
                    + " promised them no callback. Untick it, or say how the call ended");
        }
        task.setVariable("lastChanceCallbackPromised", promised);
        task.setVariable("lastChanceCalledBy", TaskActor.of(task));
    }
}
