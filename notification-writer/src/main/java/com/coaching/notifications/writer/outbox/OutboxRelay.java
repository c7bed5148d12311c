package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publishes outbox rows to {@link Topics#EVENTS}, partition by partition, on worker threads of its
 * own (never on a request thread).
 *
 * <ul>
 *   <li>A commit that appended rows marks their relay partitions dirty and wakes a worker at once;
 *       a sweep every {@code notifications.outbox.sweep-interval} marks every partition that holds
 *       rows, for what a crash, an outage or another replica's lock left behind.</li>
 *   <li>A worker drains a dirty partition batch by batch ({@link PartitionPublisher}). Within this
 *       replica a partition has at most one worker at a time (a local lock; a partition dirtied
 *       while it is drained is drained again by the same worker); across replicas the database's
 *       advisory lock decides, and a replica that misses it leaves the partition to the holder and
 *       to the next sweep.</li>
 *   <li>If Kafka is down the rows stay; the relay logs one line when publishing starts failing and
 *       one when it recovers.</li>
 *   <li>It stops last among the writer's own work ({@link #PHASE}): after the web server has finished
 *       the requests in flight and the request listener its current records, it publishes every
 *       committed row, for at most {@code notifications.outbox.drain-timeout}, and only then lets the
 *       context close its connections and the producer. What the timeout leaves, another replica's
 *       sweep (or the next start) publishes.</li>
 * </ul>
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    /**
     * One phase below the web server's graceful shutdown, in which the request listener stops too
     * ({@code RequestListenerConfiguration}): phases stop from the highest down, so nothing commits
     * behind the drain. The Kafka producer factory (phase {@link Integer#MIN_VALUE}) and the connection
     * pools (closed when beans are destroyed, after every phase) are still open while it drains.
     */
    public static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1;

    /** Wakes an idle worker so that it sees it must stop; no partition. */
    private static final int STOP = -1;

    /** Between two rounds of the drain in which nothing could be published (Kafka failing, or another replica holding the partitions). */
    private static final long DRAIN_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final PartitionPublisher publisher;
    private final OutboxBacklog backlog;
    private final OutboxProperties properties;
    private final AtomicBoolean[] dirty;
    private final AtomicBoolean[] queued;
    private final ReentrantLock[] draining;
    private final LinkedBlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
    private final AtomicLong lastSweep = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Counter published;
    private final Counter failures;
    private final Timer latency;
    private final List<Thread> workers = new ArrayList<>();

    private volatile boolean running;

    public OutboxRelay(PartitionPublisher publisher, OutboxBacklog backlog, OutboxProperties properties,
                       MeterRegistry meters) {
        this.publisher = publisher;
        this.backlog = backlog;
        this.properties = properties;
        this.dirty = new AtomicBoolean[properties.partitions()];
        this.queued = new AtomicBoolean[properties.partitions()];
        this.draining = new ReentrantLock[properties.partitions()];
        for (int p = 0; p < properties.partitions(); p++) {
            dirty[p] = new AtomicBoolean();
            queued[p] = new AtomicBoolean();
            draining[p] = new ReentrantLock();
        }
        this.published = Counter.builder("notifications.outbox.published")
                .description("Events the relay published and Kafka acknowledged").register(meters);
        this.failures = Counter.builder("notifications.outbox.publish.failures")
                .description("Relay attempts that ended without Kafka's acknowledgement").register(meters);
        this.latency = Timer.builder("notifications.outbox.publish.latency")
                .description("From the change to Kafka's acknowledgement of its event")
                .publishPercentileHistogram()
                .register(meters);
        Gauge.builder("notifications.outbox.backlog", backlog, OutboxBacklog::size)
                .description("Outbox rows waiting to be published").register(meters);
    }

    /** Wakes the relay after a commit that appended to the outbox. Only signals; never publishes on the caller's thread. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onAppended(OutboxAppended appended) {
        appended.partitions().forEach(this::markDirty);
    }

    private void markDirty(int partition) {
        dirty[partition].set(true);
        if (queued[partition].compareAndSet(false, true)) {
            ready.offer(partition);
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            Thread worker = new Thread(this::work, "outbox-relay-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Lets every worker finish its batch, then publishes the whole outbox on the calling thread, until it
     * is empty or {@code notifications.outbox.drain-timeout} has passed.
     */
    @Override
    public void stop() {
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        running = false;
        workers.forEach(worker -> ready.offer(STOP));
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (worker.isAlive()) {
                    // Still waiting for Kafka: give up its batch, whose rows stay in the outbox.
                    worker.interrupt();
                    worker.join(TimeUnit.SECONDS.toMillis(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
        drainOutbox(deadline);
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void drainOutbox(long deadline) {
        BooleanSupplier inTime = () -> System.nanoTime() < deadline;
        try {
            Set<Integer> pending = backlog.pendingPartitions();
            while (!pending.isEmpty() && inTime.getAsBoolean()) {
                boolean published = false;
                for (int partition : pending) {
                    published |= drainBatches(partition, inTime);
                }
                if (!published) {
                    LockSupport.parkNanos(Math.min(DRAIN_RETRY_NANOS, Math.max(0, deadline - System.nanoTime())));
                }
                pending = backlog.pendingPartitions();
            }
            long left = pending.isEmpty() ? 0 : backlog.size();
            if (left > 0) {
                log.warn("Outbox relay stopped with {} rows unpublished after {} (notifications.outbox.drain-timeout); "
                        + "another replica's sweep or the next start publishes them", left, properties.drainTimeout());
            } else {
                log.info("Outbox relay published every committed row before stopping");
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay stopped without draining the outbox; another replica's sweep or the next start "
                    + "publishes its rows: {}", describe(e));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        long sweepNanos = properties.sweepInterval().toNanos();
        while (running) {
            sweepIfDue(sweepNanos);
            Integer partition;
            try {
                partition = ready.poll(sweepNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (partition != null && partition != STOP) {
                queued[partition].set(false);
                drain(partition);
            }
        }
    }

    private void sweepIfDue(long sweepNanos) {
        long last = lastSweep.get();
        long now = System.nanoTime();
        if (now - last >= sweepNanos && lastSweep.compareAndSet(last, now)) {
            try {
                backlog.pendingPartitions().forEach(this::markDirty);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private void drain(int partition) {
        while (running) {
            if (!draining[partition].tryLock()) {
                return; // the local worker that holds it sees the dirty flag and drains again
            }
            try {
                dirty[partition].set(false);
                drainBatches(partition, () -> running);
            } finally {
                draining[partition].unlock();
            }
            if (!dirty[partition].get()) {
                return;
            }
        }
    }

    /**
     * Publishes the partition batch by batch while {@code more} holds and batches come back full.
     *
     * @return whether Kafka acknowledged anything
     */
    private boolean drainBatches(int partition, BooleanSupplier more) {
        boolean published = false;
        try {
            PartitionPublisher.Batch batch;
            do {
                batch = publisher.publishBatch(partition);
                acknowledged(batch);
                published |= !batch.acknowledged().isEmpty();
            } while (more.getAsBoolean() && batch.full() && batch.failure() == null);
            if (batch.failure() != null) {
                failed(batch.failure());
            } else if (!batch.acknowledged().isEmpty() && failing.compareAndSet(true, false)) {
                log.info("Outbox relay publishes to Kafka again");
            }
        } catch (RuntimeException e) {
            failed(e);
        }
        return published;
    }

    private void acknowledged(PartitionPublisher.Batch batch) {
        Instant now = Instant.now();
        for (OutboxEntry entry : batch.acknowledged()) {
            latency.record(Duration.between(entry.event().time(), now));
        }
        published.increment(batch.acknowledged().size());
    }

    private void failed(Throwable failure) {
        failures.increment();
        if (failing.compareAndSet(false, true)) {
            log.warn("Outbox relay cannot publish, rows stay in the outbox and are retried: {}", describe(failure));
        } else {
            log.debug("Outbox relay still cannot publish: {}", describe(failure));
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + " (" + root + ")";
    }
}
