package com.coaching.notifications.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One event as it travels on {@link Topics#EVENTS}: the CloudEvents attributes plus the JSON data.
 * This is the only place that maps between an event and a Kafka record, in both directions.
 *
 * @param id     unique event id ({@code ce_id}); a redelivered event keeps it
 * @param type   the event type ({@code ce_type})
 * @param source the producing service ({@code ce_source}), a URI reference
 * @param time   when the change was committed ({@code ce_time})
 * @param userId the user it belongs to: record key and {@code ce_subject}
 * @param seq    the user's stream sequence ({@code ce_seq})
 * @param data   the JSON data, already serialised with {@link EventJson}
 */
public record EventEnvelope(UUID id, EventType type, String source, Instant time, String userId, long seq, byte[] data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(data, "data");
    }

    public ProducerRecord<String, byte[]> toRecord(String topic) {
        Headers headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, id.toString());
        add(headers, CloudEventHeaders.TYPE, type.ceType());
        add(headers, CloudEventHeaders.SOURCE, source);
        add(headers, CloudEventHeaders.TIME, time.toString());
        add(headers, CloudEventHeaders.SUBJECT, userId);
        add(headers, CloudEventHeaders.SEQ, Long.toString(seq));
        add(headers, CloudEventHeaders.DATA_SCHEMA, type.dataSchema());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        // The record's timestamp is when the change was committed, not when the relay got to it,
        // so an audit of a time range finds an event that waited in the outbox during an outage.
        return new ProducerRecord<>(topic, null, time.toEpochMilli(), userId, data, headers);
    }

    /**
     * Reads the header value, or {@code null} when the record lacks it. Consumers that route on
     * headers alone (the gateways) use this without touching the JSON data.
     */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
