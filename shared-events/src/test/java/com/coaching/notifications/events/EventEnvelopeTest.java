package com.coaching.notifications.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    @Test
    void recordIsKeyedByUserAndCarriesTheCloudEventsBinaryModeHeaders() {
        UUID id = UUID.randomUUID();
        byte[] data = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        EventEnvelope envelope = new EventEnvelope(id, EventType.NOTIFICATION_CREATED, "/notification-writer",
                Instant.parse("2025-01-01T10:00:00Z"), "user-9", 12, data);

        ProducerRecord<String, byte[]> record = envelope.toRecord(Topics.EVENTS);

        assertThat(record.topic()).isEqualTo("notifications.events");
        assertThat(record.key()).isEqualTo("user-9");
        assertThat(record.timestamp()).as("commit time, not send time").isEqualTo(Instant.parse("2025-01-01T10:00:00Z").toEpochMilli());
        assertThat(record.value()).isSameAs(data);
        assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.ID)).isEqualTo(id.toString());
        assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.TYPE)).isEqualTo("notification.created");
        assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.SOURCE)).isEqualTo("/notification-writer");
        assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.TIME)).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.SUBJECT)).isEqualTo("user-9");
        assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.SEQ)).isEqualTo("12");
        assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.DATA_SCHEMA))
                .isEqualTo("schemas/notification.created.v1.json");
        assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void missingHeaderReadsAsNull() {
        assertThat(EventEnvelope.header(new org.apache.kafka.common.header.internals.RecordHeaders(), "ce_id")).isNull();
    }

    @Test
    void eventTypesMapToTheirSseNames() {
        assertThat(EventType.fromCeType("notification.created")).contains(EventType.NOTIFICATION_CREATED);
        assertThat(EventType.NOTIFICATION_CREATED.sseName()).isEqualTo("notification");
        assertThat(EventType.fromCeType("something.else")).isEmpty();
    }
}
