package com.coaching.notifications.gateway.fanout;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.gateway.stream.Connection;
import com.coaching.notifications.gateway.stream.ConnectionRegistry;
import com.coaching.notifications.gateway.stream.SseFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
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
    private final Counter unknownType;

    public EventFanOut(ConnectionRegistry registry, MeterRegistry meters) {
        this.registry = registry;
        this.unknownType = Counter.builder("sse.events.skipped")
                .description("Events for connected users that could not be streamed")
                .tag("reason", "unknown_type")
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
        String seq = EventEnvelope.header(record.headers(), CloudEventHeaders.SEQ);
        SseFrame frame = SseFrame.of(type.get().sseName(), seq, null,
                new String(record.value(), StandardCharsets.UTF_8));
        for (Connection connection : connections) {
            connection.send(frame);
        }
    }
}
