package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events committed together with the change they describe, waiting to be published. The payload
 * column holds the exact bytes that go on the topic.
 */
@Component
public class Outbox {

    /** The {@code ce_source} of every event the writer emits. */
    public static final String SOURCE = "/notification-writer";

    /**
     * Key of the advisory lock that lets one relay at a time, across all writer replicas, publish
     * the outbox. Any other use of this number in the same database would block the relay.
     */
    static final long RELAY_LOCK = 0x6e6f7469665f6f62L;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public Outbox(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Appends the event; it becomes visible to the relay when the caller's transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(EventEnvelope event) {
        jdbc.sql("""
                        insert into outbox (event_id, event_type, user_id, seq, occurred_at, payload)
                        values (:eventId, :eventType, :userId, :seq, :occurredAt, :payload)
                        """)
                .param("eventId", event.id())
                .param("eventType", event.type().ceType())
                .param("userId", event.userId())
                .param("seq", event.seq())
                .param("occurredAt", Timestamp.from(event.time()))
                .param("payload", event.data())
                .update();
        events.publishEvent(new OutboxAppended());
    }

    /**
     * Takes the relay lock for the rest of the current transaction, without waiting.
     *
     * @return false when another relay holds it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean tryLockRelay() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                .param("key", RELAY_LOCK)
                .query(Boolean.class)
                .single());
    }

    /** The oldest rows, in id order. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<OutboxEntry> oldest(int limit) {
        return jdbc.sql("""
                        select id, event_id, event_type, user_id, seq, occurred_at, payload
                        from outbox order by id limit :limit
                        """)
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

    /** Rows not yet acknowledged by Kafka. */
    public long backlog() {
        return jdbc.sql("select count(*) from outbox").query(Long.class).single();
    }
}
