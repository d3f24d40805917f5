package com.followthrough.communication;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.stereotype.Component;

/**
 * Lets what arrives for one case at the same moment (many messages, a call, a survey answer) reach it one after the
 * other. On one node a lock per case serializes them; across nodes, and against the engine's own work on the case (a
 * timer job, a completed task), the engine's optimistic locking detects the clash and the correlation is tried again,
 * so nothing is refused for being concurrent.
 */
@Component
public class CaseSerializer {

    private static final int STRIPES = 64;
    private static final int ATTEMPTS = 10;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public CaseSerializer() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock(true);
        }
    }

    public <T> T run(String caseReference, Supplier<T> correlation) {
        ReentrantLock lock = locks[Math.floorMod(caseReference.hashCode(), STRIPES)];
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return correlation.get();
                } catch (OptimisticLockingException clash) {
                    if (attempt == ATTEMPTS) {
                        throw clash;
                    }
                    pause(attempt);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a correlation", interrupted);
        }
    }
}
