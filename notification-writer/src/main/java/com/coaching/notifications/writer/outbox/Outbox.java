package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events committed together with the change they describe, waiting to be published. The payload
 * column holds the exact bytes that go on the topic; the relay partition column says which relay
 * worker publishes the row.
 */
@Component
public class Outbox {

    /** The {@code ce_source} of every event the writer emits. */
    public static final String SOURCE = "/notification-writer";

    /**
     * First key of the two-key advisory locks by which a relay worker owns a partition (the second key
     * is the partition). Any other use of this number in the same database would block the relay.
     */
    static final int RELAY_LOCK = 0x6e6f7469;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final ApplicationEventPublisher events;
    private final OutboxProperties properties;

    public Outbox(JdbcClient jdbc, JdbcTemplate batch, ApplicationEventPublisher events, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.events = events;
        this.properties = properties;
    }

    /** Appends the events in one JDBC batch; they become visible to the relay when the caller's transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<EventEnvelope> appended) {
        batch.batchUpdate("""
                        insert into outbox (event_id, event_type, user_id, seq, occurred_at, payload, relay_partition)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """, appended, 1000, (PreparedStatement ps, EventEnvelope event) -> {
                    ps.setObject(1, event.id());
                    ps.setString(2, event.type().ceType());
                    ps.setString(3, event.userId());
                    ps.setLong(4, event.seq());
                    ps.setTimestamp(5, Timestamp.from(event.time()));
                    ps.setBytes(6, event.data());
                    ps.setInt(7, properties.partitionOf(event.userId()));
                });
        events.publishEvent(new OutboxAppended(appended.stream()
                .map(event -> properties.partitionOf(event.userId()))
                .collect(Collectors.toCollection(TreeSet::new))));
    }

    /**
     * Takes the partition's relay lock for the rest of the current transaction, without waiting. A
     * transaction-level lock ends with its transaction, also when the worker's connection dies (the
     * server aborts the transaction), so a partition is never left owned by a worker that is gone.
     *
     * @return false when another worker holds it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean tryLock(int partition) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key, :partition)")
                .param("key", RELAY_LOCK)
                .param("partition", partition)
                .query(Boolean.class)
                .single());
    }

    /** The partition's oldest rows, in id order. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<OutboxEntry> oldest(int partition, int limit) {
        return jdbc.sql("""
                        select id, event_id, event_type, user_id, seq, occurred_at, payload
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
                            SOURCE,
                            rs.getTimestamp("occurred_at").toInstant(),
                            rs.getString("user_id"),
                            rs.getLong("seq"),
                            rs.getBytes("payload")));
                })
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void delete(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("delete from outbox where id in (:ids)").param("ids", ids).update();
        }
    }

    /** Partitions that hold rows, for the sweep. */
    Set<Integer> pendingPartitions() {
        return new TreeSet<>(jdbc.sql("select distinct relay_partition from outbox").query(Integer.class).list());
    }

    /** Rows not yet acknowledged by Kafka. */
    public long backlog() {
        return jdbc.sql("select count(*) from outbox").query(Long.class).single();
    }
}
