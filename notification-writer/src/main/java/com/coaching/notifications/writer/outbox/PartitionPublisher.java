package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.events.TraceParentHeader;
import io.micrometer.tracing.CurrentTraceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes one batch of one relay partition, in one database transaction that owns the partition
 * through its advisory lock: reads the oldest rows in id order, sends them, waits for Kafka's
 * acknowledgements and deletes the acknowledged prefix. The lock is held until the deletes commit,
 * so the next owner (here or on another replica) starts behind everything acknowledged. The
 * transaction is on the {@link RelayConnections relay's connections}, never on the application's.
 */
@Component
public class PartitionPublisher {

    private final OutboxBacklog backlog;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaTemplate<String, byte[]> untracedKafka;
    private final OutboxProperties properties;
    private final OutboxTraceContext traces;

    public PartitionPublisher(OutboxBacklog backlog, RelayConnections connections,
                           KafkaTemplate<String, byte[]> outboxKafkaTemplate,
                           KafkaTemplate<String, byte[]> untracedOutboxKafkaTemplate, OutboxProperties properties,
                           OutboxTraceContext traces) {
        this.backlog = backlog;
        this.transactions = connections.transactions();
        this.kafka = outboxKafkaTemplate;
        this.untracedKafka = untracedOutboxKafkaTemplate;
        this.properties = properties;
        this.traces = traces;
    }

    /**
     * What one batch did; nothing at all when another worker held the partition.
     *
     * @param acknowledged rows Kafka acknowledged, now deleted (when the transaction commits)
     * @param full         whether a whole batch was read, so more rows may wait
     * @param failure      why publishing stopped before the end of the batch, or null
     */
    public record Batch(List<OutboxEntry> acknowledged, boolean full, Throwable failure) {
    }

    /**
     * Joins a surrounding relay transaction if there is one ({@link RelayConnections#transactions()});
     * a rollback then undoes the deletes, as a crash would.
     */
    public Batch publishBatch(int partition) {
        return transactions.execute(tx -> publish(partition));
    }

    private Batch publish(int partition) {
        if (!backlog.tryLock(partition)) {
            return new Batch(List.of(), false, null);
        }
        List<OutboxEntry> entries = backlog.oldest(partition, properties.batchSize());
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
        Throwable failure = null;
        for (OutboxEntry entry : entries) {
            try {
                sends.add(send(entry));
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        List<OutboxEntry> acknowledged = new ArrayList<>();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(entries.get(i));
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
        backlog.delete(acknowledged.stream().map(OutboxEntry::id).toList());
        return new Batch(acknowledged, entries.size() == properties.batchSize(), failure);
    }

    /**
     * A change of a sampled trace is sent with a producer span, a child in that trace; any other with its
     * stored {@code traceparent} (if any) as it is, so the gateway still goes on in the same trace.
     */
    private CompletableFuture<SendResult<String, byte[]>> send(OutboxEntry entry) {
        if (!OutboxTraceContext.sampled(entry.traceparent())) {
            return untracedKafka.send(traced(entry));
        }
        try (CurrentTraceContext.Scope trace = traces.resume(entry.traceparent())) {
            return kafka.send(traced(entry));
        }
    }

    /**
     * The entry's record with the stored {@code traceparent}: the observed template replaces it with its
     * producer span's; without tracing the request's context still goes on.
     */
    private static ProducerRecord<String, byte[]> traced(OutboxEntry entry) {
        ProducerRecord<String, byte[]> record = entry.event().toRecord(Topics.EVENTS);
        if (entry.traceparent() != null) {
            record.headers().add(TraceParentHeader.NAME, entry.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
