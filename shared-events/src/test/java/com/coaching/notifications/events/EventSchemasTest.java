package com.coaching.notifications.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every event type has a JSON Schema that names exactly the fields its record writes, all required. */
class EventSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T = Instant.parse("2025-01-01T10:00:00Z");

    private static final Map<EventType, Object> SAMPLES = Map.of(
            EventType.NOTIFICATION_CREATED, new NotificationCreated(UUID.randomUUID(), "u", 1, NotificationType.INFO,
                    "t", "m", NotificationStatus.UNREAD, null, null, T),
            EventType.NOTIFICATION_READ, new NotificationRead(UUID.randomUUID(), "u", 2, NotificationStatus.READ, T),
            EventType.NOTIFICATION_ALL_READ, new AllNotificationsRead("u", 3, 2, T),
            EventType.NOTIFICATION_DELETED, new NotificationDeleted(UUID.randomUUID(), "u", 4, T));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRequiresExactlyTheFieldsTheRecordWrites(EventType type) throws Exception {
        assertThat(SAMPLES).as("a sample event of every type").containsKey(type);
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.dataSchema())) {
            assertThat(in).as(type.dataSchema() + " on the classpath").isNotNull();
            schema = JSON.readTree(in);
        }
        Set<String> written = new HashSet<>(JSON.readTree(EventJson.toBytes(SAMPLES.get(type))).propertyNames());
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(n -> required.add(n.asString()));

        assertThat(required).isEqualTo(written);
        assertThat(new HashSet<>(schema.get("properties").propertyNames())).isEqualTo(written);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachTypeRoundTripsThroughTheEventJson(EventType type) {
        Object sample = SAMPLES.get(type);

        assertThat(EventJson.fromBytes(EventJson.toBytes(sample), sample.getClass())).isEqualTo(sample);
    }

    @org.junit.jupiter.api.Test
    void requestSchemaNamesTheRequestRecordsFields() throws Exception {
        NotificationRequest request = new NotificationRequest("r-1", "u", NotificationType.ERROR, "t", "m",
                Map.of("k", "v"), UUID.randomUUID());
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/notification.request.v1.json")) {
            schema = JSON.readTree(in);
        }
        Set<String> written = new HashSet<>(JSON.readTree(EventJson.toBytes(request)).propertyNames());

        assertThat(new HashSet<>(schema.get("properties").propertyNames())).isEqualTo(written);
        assertThat(EventJson.fromBytes(EventJson.toBytes(request), NotificationRequest.class)).isEqualTo(request);
    }
}
