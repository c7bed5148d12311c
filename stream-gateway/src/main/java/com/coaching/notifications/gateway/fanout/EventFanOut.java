package com.coaching.notifications.gateway.fanout;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.StreamSeq;
import com.coaching.notifications.gateway.stream.Connection;
import com.coaching.notifications.gateway.stream.ConnectionRegistry;
import com.coaching.notifications.gateway.stream.SseFrame;
import com.coaching.notifications.gateway.stream.StreamItem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/**
 * Hands each record of the event topic to the connections of its user (the record key) on this replica.
 * Routing uses the key and the CloudEvents headers only: a record for a user without a local connection,
 * which is nearly every record on a busy cluster, is dropped without its value being looked at. The value of
 * the others goes out unchanged as the frame's data, once it is checked to belong to the record (see
 * {@link EventDataCheck}): a record that breaks the contract, which a buggy or hostile producer could write,
 * would otherwise reach the user, or with a forged seq make the stream drop the user's later events as
 * duplicates. Such records are skipped and counted in {@code sse.events.skipped} by reason. Never blocks the
 * consumer thread.
 */
@Component
public class EventFanOut implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(EventFanOut.class);

    private final ConnectionRegistry registry;
    private final Tracer tracer;
    private final Map<SkipReason, Counter> skipped = new EnumMap<>(SkipReason.class);

    public EventFanOut(ConnectionRegistry registry, Tracer tracer, MeterRegistry meters) {
        this.registry = registry;
        this.tracer = tracer;
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, Counter.builder("sse.events.skipped")
                    .description("Events for connected users that could not be streamed")
                    .tag("reason", reason.tag())
                    .register(meters));
        }
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        String userId = record.key();
        if (userId == null || record.value() == null) {
            return;
        }
        List<Connection> connections = registry.connections(userId);
        if (connections.isEmpty()) {
            return;
        }
        String ceType = EventEnvelope.header(record.headers(), CloudEventHeaders.TYPE);
        Optional<EventType> type = EventType.fromCeType(ceType);
        if (type.isEmpty()) {
            skip(record, SkipReason.UNKNOWN_TYPE);
            return;
        }
        // Without a valid seq an event can be neither ordered nor resumed from.
        OptionalLong seq = StreamSeq.parse(EventEnvelope.header(record.headers(), CloudEventHeaders.SEQ));
        if (seq.isEmpty() || seq.getAsLong() < StreamSeq.FIRST) {
            skip(record, SkipReason.INVALID_SEQ);
            return;
        }
        Optional<SkipReason> problem = EventDataCheck.problem(record.value(), userId, seq.getAsLong());
        if (problem.isPresent()) {
            skip(record, problem.get());
            return;
        }
        StreamItem.Live live = new StreamItem.Live(seq.getAsLong(), SseFrame.of(type.get().sseName(),
                Long.toString(seq.getAsLong()), null, new String(record.value(), StandardCharsets.UTF_8))
                .committedAt(eventTime(record)));
        deliver(live, userId, connections);
    }

    /**
     * Hands the event to the user's streams, in a span of its own when the record's trace is recorded: a child
     * of the listener's span, which continues the record's traceparent, so a notification's trace goes on from
     * the writer to its streams ({@link RecordTracing}).
     */
    private void deliver(StreamItem.Live live, String userId, List<Connection> connections) {
        Span delivery = tracer.currentSpan() == null ? null
                : tracer.nextSpan().name("sse.delivery").tag("sse.streams", connections.size()).start();
        try (Tracer.SpanInScope scope = delivery == null ? null : tracer.withSpan(delivery)) {
            for (Connection connection : connections) {
                connection.send(live);
            }
            log.debug("Delivering seq {} of user {} to {} streams, trace {}", live.seq(), userId, connections.size(),
                    delivery == null ? "not recorded" : delivery.context().traceId());
        } finally {
            if (delivery != null) {
                delivery.end();
            }
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, SkipReason reason) {
        skipped.get(reason).increment();
        // A type of a newer producer is to be expected during an upgrade; the rest is a producer's fault.
        if (reason == SkipReason.UNKNOWN_TYPE) {
            log.debug("Skipped an event of unknown type at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
        } else {
            log.warn("Skipped an event for a connected user ({}) at {}-{}@{}", reason.tag(), record.topic(),
                    record.partition(), record.offset());
        }
    }

    /** When the change was committed ({@code ce_time}), else when the record was written. */
    private static Instant eventTime(ConsumerRecord<String, byte[]> record) {
        String time = EventEnvelope.header(record.headers(), CloudEventHeaders.TIME);
        if (time != null) {
            try {
                return Instant.parse(time);
            } catch (DateTimeParseException e) {
                // fall back to the record's timestamp
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }
}
