package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to {@link Topics#EVENTS} and deletes them once Kafka has acknowledged them.
 *
 * <ul>
 *   <li>Runs on a thread of its own, never on a request thread. A commit that appended to the
 *       outbox wakes it at once; a sweep every {@code notifications.outbox.sweep-interval} picks up
 *       what a crash or an outage left behind.</li>
 *   <li>One relay at a time across all writer replicas: each batch runs in a transaction that first
 *       takes a PostgreSQL advisory lock, without waiting; a replica that misses it leaves the work
 *       to the holder.</li>
 *   <li>Rows go out in id order, which per user is seq order (the user's stream row lock makes a
 *       later change insert its row after the earlier one committed). Only the acknowledged
 *       prefix of a batch is deleted; the rest is sent again later, so delivery is at-least-once
 *       and in order, and consumers drop repeats by seq. No "last published id" mark is kept: ids
 *       are taken before commit, so such a mark would skip a row that commits late.</li>
 *   <li>If Kafka is down the rows stay; the relay logs one line when publishing starts failing and
 *       one when it recovers.</li>
 * </ul>
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transactions;
    private final OutboxProperties properties;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Counter failures;

    private volatile boolean running;
    private volatile Thread thread;
    private boolean failing;

    public OutboxRelay(Outbox outbox, KafkaTemplate<String, byte[]> outboxKafkaTemplate,
                       PlatformTransactionManager transactionManager, OutboxProperties properties,
                       MeterRegistry meters) {
        this.outbox = outbox;
        this.kafka = outboxKafkaTemplate;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.published = Counter.builder("notifications.outbox.published")
                .description("Events the relay published and Kafka acknowledged").register(meters);
        this.failures = Counter.builder("notifications.outbox.publish.failures")
                .description("Relay attempts that ended without Kafka's acknowledgement").register(meters);
        Gauge.builder("notifications.outbox.backlog", outbox, Outbox::backlog)
                .description("Outbox rows waiting to be published").register(meters);
    }

    /** Wakes the relay after a commit that appended to the outbox. Only signals; never publishes on the caller's thread. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onAppended(OutboxAppended appended) {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::run, "outbox-relay");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            publishPending();
            try {
                wakeUps.tryAcquire(properties.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
                // Commits during this pass are covered by the next one.
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One pass of the relay: publishes batches until the outbox is drained, another relay holds the
     * lock, or publishing fails. The relay's thread calls it on every wake-up and sweep.
     */
    public void publishPending() {
        try {
            Batch batch;
            int published = 0;
            do {
                batch = transactions.execute(status -> publishBatch());
                published += batch == null ? 0 : batch.published();
            } while (running && batch != null && batch.full() && batch.failure() == null);
            if (batch != null && batch.failure() != null) {
                failed(batch.failure());
            } else if (failing && published > 0) {
                failing = false;
                log.info("Outbox relay publishes to Kafka again");
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** What one relay transaction did: rows acknowledged, whether it read a full batch, and why it stopped early. */
    private record Batch(int published, boolean full, Throwable failure) {
    }

    private Batch publishBatch() {
        if (!outbox.tryLockRelay()) {
            return new Batch(0, false, null);
        }
        List<OutboxEntry> entries = outbox.oldest(properties.batchSize());
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
        Throwable failure = null;
        for (OutboxEntry entry : entries) {
            try {
                sends.add(kafka.send(entry.event().toRecord(Topics.EVENTS)));
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        List<Long> acknowledged = new ArrayList<>();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(entries.get(i).id());
            } catch (ExecutionException e) {
                failure = e.getCause();
                break;
            } catch (TimeoutException e) {
                failure = e;
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                break;
            }
        }
        // Only the acknowledged prefix: what follows a failure is sent again, behind it, next time.
        outbox.delete(acknowledged);
        published.increment(acknowledged.size());
        return new Batch(acknowledged.size(), entries.size() == properties.batchSize(), failure);
    }

    private void failed(Throwable failure) {
        failures.increment();
        if (!failing) {
            failing = true;
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
