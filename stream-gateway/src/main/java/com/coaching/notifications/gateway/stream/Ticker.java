package com.coaching.notifications.gateway.stream;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that runs a task at a fixed rate, for the work a replica does for all its connections
 * at once (heartbeats, the credentials' expiry) instead of a timer per connection. The task must not throw:
 * an exception would cancel every later run.
 */
final class Ticker {

    private final String threadName;
    private final long periodMillis;
    private final Runnable task;
    private volatile ScheduledExecutorService executor;

    Ticker(String threadName, Duration period, Runnable task) {
        this.threadName = threadName;
        this.periodMillis = period.toMillis();
        this.task = task;
    }

    synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleAtFixedRate(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    boolean isRunning() {
        return executor != null;
    }
}
