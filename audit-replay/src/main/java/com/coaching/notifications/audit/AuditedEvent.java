package com.coaching.notifications.audit;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of the event topic as an audit sees it: where it sits in the log, its CloudEvents
 * attributes, and its data as stored (never re-serialised).
 */
record AuditedEvent(int partition, long offset, Instant timestamp, String id, String type, String userId,
        Long seq, String time, byte[] data) {

    static AuditedEvent of(ConsumerRecord<byte[], byte[]> record) {
        String seq = EventEnvelope.header(record.headers(), CloudEventHeaders.SEQ);
        return new AuditedEvent(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                EventEnvelope.header(record.headers(), CloudEventHeaders.ID),
                EventEnvelope.header(record.headers(), CloudEventHeaders.TYPE),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                seq == null || seq.isEmpty() || !seq.chars().allMatch(Character::isDigit) ? null : Long.valueOf(seq),
                EventEnvelope.header(record.headers(), CloudEventHeaders.TIME),
                record.value());
    }
}
