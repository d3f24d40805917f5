package com.followthrough;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws twice ("ENGINE-03051 There was an exception while invoking the
 * TaskListener. Message: 'Exception while invoking TaskListener: ...'") in a plain {@link ProcessEngineException}, so
 * Camunda's REST API would answer a refused entry with {@code 500} and that prefix. Around every command (outside its
 * transaction, which has rolled back by then), this hands the {@link RefusedEntryException} itself to the caller:
 * Tasklist and REST clients get {@code 400} and the message that says why ({@link RefusalsLogOneLine} logs it; a
 * claim's refusal is made a {@code 400} by {@link RefusalsOverRest}).
 */
@Component
public class RefusalsReachTheCaller extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
        interceptors.add(0, new Unwrap());
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    static final class Unwrap extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException e) {
                RefusedEntryException refusal = refusalIn(e);
                throw refusal == null ? e : refusal;
            }
        }
    }

    /** The refused entry that caused {@code thrown}, or {@code null} if it was not one. */
    static RefusedEntryException refusalIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedEntryException refusal) {
                return refusal;
            }
        }
        return null;
    }
}
