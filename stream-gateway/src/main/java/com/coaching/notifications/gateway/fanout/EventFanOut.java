package com.coaching.notifications.gateway.fanout;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.gateway.stream.Connection;
import com.coaching.notifications.gateway.stream.ConnectionRegistry;
import com.coaching.notifications.gateway.stream.SseFrame;
import com.coaching.notifications.gateway.stream.StreamItem;
import com.coaching.notifications.gateway.stream.StreamMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
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
 * which is nearly every record on a busy cluster, is dropped without its value being looked at, and the
 * value of the others goes out unchanged as the frame's data. Never blocks the consumer thread.
 */
@Component
public class EventFanOut implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(EventFanOut.class);

    private final ConnectionRegistry registry;
    private final StreamMetrics metrics;
    private final Counter unknownType;
    private final Counter invalidSeq;

    public EventFanOut(ConnectionRegistry registry, StreamMetrics metrics, MeterRegistry meters) {
        this.registry = registry;
        this.metrics = metrics;
        this.unknownType = skipped(meters, "unknown_type");
        this.invalidSeq = skipped(meters, "invalid_seq");
    }

    private static Counter skipped(MeterRegistry meters, String reason) {
        return Counter.builder("sse.events.skipped")
                .description("Events for connected users that could not be streamed")
                .tag("reason", reason)
                .register(meters);
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
            unknownType.increment();
            log.debug("Skipped event of unknown type {} at {}-{}@{}", ceType, record.topic(), record.partition(),
                    record.offset());
            return;
        }
        OptionalLong seq = seq(EventEnvelope.header(record.headers(), CloudEventHeaders.SEQ));
        if (seq.isEmpty()) {
            // Without its seq an event can be neither ordered nor resumed from.
            invalidSeq.increment();
            log.warn("Skipped event without a valid {} header at {}-{}@{}", CloudEventHeaders.SEQ, record.topic(),
                    record.partition(), record.offset());
            return;
        }
        metrics.deliveryLag(eventTime(record));
        StreamItem.Live live = new StreamItem.Live(seq.getAsLong(), SseFrame.of(type.get().sseName(),
                Long.toString(seq.getAsLong()), null, new String(record.value(), StandardCharsets.UTF_8)));
        for (Connection connection : connections) {
            connection.send(live);
        }
    }

    private static OptionalLong seq(String header) {
        try {
            long seq = header == null ? -1 : Long.parseLong(header);
            return seq < 0 ? OptionalLong.empty() : OptionalLong.of(seq);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
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
