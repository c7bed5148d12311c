package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.EventEnvelope;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events committed together with the change they describe, waiting to be published ({@link
 * OutboxBacklog} is the relay's side of the same rows). The payload column holds the exact bytes that
 * go on the topic; the relay partition column says which relay worker publishes the row.
 */
@Component
public class Outbox {

    /** The {@code ce_source} of every event the writer emits. */
    public static final String SOURCE = "/notification-writer";

    private final JdbcTemplate batch;
    private final ApplicationEventPublisher events;
    private final OutboxProperties properties;

    public Outbox(JdbcTemplate batch, ApplicationEventPublisher events, OutboxProperties properties) {
        this.batch = batch;
        this.events = events;
        this.properties = properties;
    }

    /**
     * Appends the events in one JDBC batch, in the caller's transaction (on the application's connections);
     * they become visible to the relay when it commits.
     */
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
}
