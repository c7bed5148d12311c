package com.coaching.notifications.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One run of one scenario: its options, its work folder (logs, tokens file), the summary being filled
 * in, the target checks, and everything it started, which {@link #close()} stops, newest first. The
 * steps every scenario shares (start the stack, connect the users, collect what they received) live
 * here so each scenario reads as its own procedure.
 */
final class BenchRun implements AutoCloseable {

    private final BenchOptions options;
    private final Path workDir;
    private final Map<String, Object> summary;
    private final List<TargetCheck> checks = new ArrayList<>();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;

    BenchRun(BenchOptions options, Map<String, Object> summary) {
        this.options = options;
        this.workDir = options.workDir();
        this.summary = summary;
    }

    BenchOptions options() {
        return options;
    }

    Path workDir() {
        return workDir;
    }

    void put(String key, Object value) {
        summary.put(key, value);
    }

    void check(TargetCheck check) {
        checks.add(check);
    }

    List<TargetCheck> checks() {
        return checks;
    }

    StackUnderTest stack(boolean withWriter) {
        // Tracked before it starts anything, so the deadline also stops a stack that is still starting.
        StackUnderTest stack = track(new StackUnderTest());
        summary.put("processes", stack.describe());
        stack.start(options, withWriter, workDir);
        return stack;
    }

    BenchUsers users(int count) {
        return BenchUsers.create(count, tokensExpireAt(), workDir);
    }

    /** Tokens (users' and the writer client's) outlive the run, so none expires mid-measurement. */
    Instant tokensExpireAt() {
        return Instant.ofEpochMilli(options.deadlineEpochMillis()).plus(Duration.ofMinutes(10));
    }

    /** Time left before the hard deadline: the longest any one step may wait. */
    Duration remaining() {
        return Duration.ofMillis(Math.max(0, options.deadlineEpochMillis() - System.currentTimeMillis()));
    }

    Duration tokenLifetime() {
        return Duration.between(Instant.now(), tokensExpireAt());
    }

    /**
     * Opens one connection per user through the worker processes and waits until each is connected or
     * failed; records "connections" and the connect targets.
     */
    LoadWorkers connect(StackUnderTest stack, BenchUsers users, int expectedPerConnection) {
        LoadWorkers workers = track(LoadWorkers.start(options, stack.streamUrls(), users.targetsFile(), users.count(),
                expectedPerConnection, workDir.resolve("logs")));
        LoadWorkers.Connected connected = workers.awaitConnected();
        Map<String, Object> s = connected.summary();
        s.put("worker_pids", workers.pids());
        summary.put("connections", s);
        check(TargetCheck.equal("all connections connected", connected.requested(), connected.connected()));
        check(TargetCheck.atMost("connect p99 (request to connected frame)", 500, "ms",
                connected.connectLatency().percentileMillis(99)));
        return workers;
    }

    /** Waits for the events to arrive; records "delivery" and the delivery targets. */
    LoadWorkers.Delivered collect(LoadWorkers workers, boolean latencyTarget) {
        LoadWorkers.Delivered delivered = workers.collect(options.drain());
        summary.put("delivery", delivered.summary());
        check(TargetCheck.equal("missing seqs", 0, delivered.missing()));
        check(TargetCheck.equal("duplicate seqs", 0, delivered.duplicates()));
        check(TargetCheck.equal("connections closed by the server", 0, delivered.closedByServer()));
        if (latencyTarget) {
            check(TargetCheck.atMost("delivery p99 (created_at to receipt)", 1000, "ms",
                    delivered.latency().percentileMillis(99)));
        }
        return delivered;
    }

    /**
     * Registers something to stop at the end. After {@link #close()} (the deadline) nothing new may
     * start: it is stopped at once and the scenario ends with an exception.
     */
    synchronized <T extends AutoCloseable> T track(T part) {
        if (closed) {
            closeQuietly(part);
            throw new IllegalStateException("the run was stopped (hard deadline)");
        }
        started.push(part);
        return part;
    }

    /** Waits for a measurement window (not for a condition: the window itself is what is measured). */
    static void measureFor(Duration window) {
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a measurement window", e);
        }
    }

    /**
     * Stops everything, newest first. Synchronized as a whole: when the deadline watchdog is stopping
     * the processes, the scenario's own close waits until they are gone, so a run never returns while
     * something it started still runs.
     */
    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            closeQuietly(started.pop());
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("could not stop " + part + ": " + e);
        }
    }
}
