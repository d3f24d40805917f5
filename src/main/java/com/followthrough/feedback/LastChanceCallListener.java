package com.followthrough.feedback;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.RefusedEntryException;
import com.followthrough.TaskActor;
import com.followthrough.vocabulary.CaseVariable;

/**
 * "Call the customer: last chance", on complete: who made the call ({@code lastChanceCalledBy}), who keeps a callback
 * promised on it, whether one was promised ({@code lastChanceCallbackPromised}, false when the form left it out), and
 * when the call was made ({@code lastChanceCalledAt}, so the case header reads its deadline as done on the tasks left
 * open after it). A callback promised on a call nobody answered is refused: the customer heard no promise. On create
 * (the supervisors' call, each time it comes round) {@code lastChanceCalledAt} is cleared: the new deadline is not met
 * by an earlier call.
 */
@Component("lastChanceCall")
public class LastChanceCallListener implements TaskListener {

    private final EngineClock clock;

    public LastChanceCallListener(EngineClock clock) {
        this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.removeVariable(CaseVariable.LAST_CHANCE_CALLED_AT.name());
            return;
        }
        boolean promised = Boolean.TRUE.equals(task.getVariable("lastChanceCallbackPromised"));
        if (promised && "noAnswer".equals(task.getVariable("lastChanceOutcome"))) {
            throw RefusedEntryException.naming("lastChanceCallbackPromised", "you could not reach the customer, so you"
                    + " promised them no callback. Untick it, or say how the call ended");
        }
        task.setVariable("lastChanceCallbackPromised", promised);
        task.setVariable("lastChanceCalledBy", TaskActor.of(task));
        CaseVariable.LAST_CHANCE_CALLED_AT.set(task, clock.nowAsDate());
    }
}
