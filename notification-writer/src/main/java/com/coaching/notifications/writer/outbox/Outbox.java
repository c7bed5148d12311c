package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.EventEnvelope;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
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
 * OutboxBacklog} is the relay's side of the same rows). A row holds all the relay publishes: the
 * CloudEvents attributes and the exact bytes that go on the topic; the relay partition column says
 * which relay worker publishes the row.
 */
@Component
public class Outbox {

    private final JdbcTemplate batch;
    private final ApplicationEventPublisher events;
    private final OutboxProperties properties;
    private final OutboxTraceContext traces;

    public Outbox(JdbcTemplate batch, ApplicationEventPublisher events, OutboxProperties properties,
            OutboxTraceContext traces) {
        this.batch = batch;
        this.events = events;
        this.properties = properties;
        this.traces = traces;
    }

    /**
     * Appends the events in one JDBC batch, in the caller's transaction (on the application's connections);
     * they become visible to the relay when it commits. Each row continues the trace of its own change.
     *
     * @param traceparents for each event, the W3C {@code traceparent} of the change it records (a request
     *                     record's, say), or null for the current span's
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<EventEnvelope> appended, List<String> traceparents) {
        String current = traces.current();
        List<Row> rows = new ArrayList<>(appended.size());
        for (int i = 0; i < appended.size(); i++) {
            EventEnvelope event = appended.get(i);
            String traceparent = traceparents.get(i);
            rows.add(new Row(event, properties.partitionOf(event.userId()), traceparent != null ? traceparent : current));
        }
        batch.batchUpdate("""
                        insert into outbox
                            (event_id, event_type, source, user_id, seq, occurred_at, payload, relay_partition,
                             traceparent)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, rows, 1000, (PreparedStatement ps, Row row) -> {
                    EventEnvelope event = row.event();
                    ps.setObject(1, event.id());
                    ps.setString(2, event.type().ceType());
                    ps.setString(3, event.source());
                    ps.setString(4, event.userId());
                    ps.setLong(5, event.seq());
                    ps.setTimestamp(6, Timestamp.from(event.time()));
                    ps.setBytes(7, event.data());
                    ps.setInt(8, row.partition());
                    ps.setString(9, row.traceparent());
                });
        events.publishEvent(new OutboxAppended(rows.stream()
                .map(Row::partition)
                .collect(Collectors.toCollection(TreeSet::new))));
    }

    /** An event, the relay partition of its user (which its row and the relay's wake-up share) and its trace. */
    private record Row(EventEnvelope event, int partition, String traceparent) {
    }
}
