package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox rows not yet acknowledged by Kafka, as the relay works through them: partition locks,
 * the oldest rows of a partition, deleting what was acknowledged, and what is left. Every statement
 * runs on the {@link RelayConnections relay's connections}; locking, reading and deleting only inside
 * a relay transaction.
 */
@Component
public class OutboxBacklog {

    /**
     * First key of the two-key advisory locks by which a relay worker owns a partition (the second key
     * is the partition). Any other use of this number in the same database would block the relay.
     */
    public static final int RELAY_LOCK = 0x6e6f7469;

    private final JdbcClient jdbc;
    /** Runs a statement in the relay transaction of the calling thread; without one it throws. */
    private final TransactionTemplate inRelayTransaction;

    public OutboxBacklog(RelayConnections connections) {
        this.jdbc = connections.jdbc();
        this.inRelayTransaction = new TransactionTemplate(connections.transactions().getTransactionManager());
        this.inRelayTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
    }

    /**
     * Takes the partition's relay lock for the rest of the current transaction, without waiting. A
     * transaction-level lock ends with its transaction, also when the worker's connection dies (the
     * server aborts the transaction), so a partition is never left owned by a worker that is gone.
     *
     * @return false when another worker holds it
     */
    boolean tryLock(int partition) {
        return Boolean.TRUE.equals(inRelayTransaction.execute(tx -> jdbc
                .sql("select pg_try_advisory_xact_lock(:key, :partition)")
                .param("key", RELAY_LOCK)
                .param("partition", partition)
                .query(Boolean.class)
                .single()));
    }

    /** The partition's oldest rows, in id order. */
    List<OutboxEntry> oldest(int partition, int limit) {
        return inRelayTransaction.execute(tx -> jdbc.sql("""
                        select id, event_id, event_type, source, user_id, seq, occurred_at, payload, traceparent
                        from outbox where relay_partition = :partition order by id limit :limit
                        """)
                .param("partition", partition)
                .param("limit", limit)
                .query((rs, n) -> {
                    String type = rs.getString("event_type");
                    return new OutboxEntry(rs.getLong("id"), new EventEnvelope(
                            rs.getObject("event_id", UUID.class),
                            EventType.fromCeType(type).orElseThrow(
                                    () -> new IllegalStateException("outbox row has an unknown event type: " + type)),
                            rs.getString("source"),
                            rs.getTimestamp("occurred_at").toInstant(),
                            rs.getString("user_id"),
                            rs.getLong("seq"),
                            rs.getBytes("payload")),
                            rs.getString("traceparent"));
                })
                .list());
    }

    void delete(List<Long> ids) {
        if (!ids.isEmpty()) {
            inRelayTransaction.executeWithoutResult(
                    tx -> jdbc.sql("delete from outbox where id in (:ids)").param("ids", ids).update());
        }
    }

    /** Partitions that hold rows, for the sweep. */
    Set<Integer> pendingPartitions() {
        return new TreeSet<>(jdbc.sql("select distinct relay_partition from outbox").query(Integer.class).list());
    }

    /** Rows not yet acknowledged by Kafka. */
    public long size() {
        return jdbc.sql("select count(*) from outbox").query(Long.class).single();
    }
}
