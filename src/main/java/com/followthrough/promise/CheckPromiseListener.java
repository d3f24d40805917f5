package com.followthrough.promise;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import com.followthrough.EngineClock;
import com.followthrough.SupportProperties;

/**
 * "Promise a callback": on create, puts the callback window on the task for the form's help text (the support
 * team's time zone that the typed clock time is read in, see {@link CallbackTime#parse}, is on every task:
 * {@code tasklist.TaskPresentation}); on complete,
 * refuses a promise that cannot be kept (see {@link CallbackTime#check}), so the task stays open with the reason.
 */
@Component("checkPromise")
public class CheckPromiseListener implements TaskListener {

    private final EngineClock clock;
    private final SupportProperties properties;

    public CheckPromiseListener(EngineClock clock, SupportProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariableLocal("callbackMinLead", CallbackTime.words(properties.callback().minLead()));
            task.setVariableLocal("callbackMaxAhead", CallbackTime.words(properties.callback().maxAhead()));
        } else {
            PromiseEntry.read(task, clock.now(), properties);
        }
    }
}
