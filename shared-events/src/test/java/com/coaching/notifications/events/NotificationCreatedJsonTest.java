package com.coaching.notifications.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NotificationCreatedJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotificationCreated event = new NotificationCreated(
            UUID.fromString("6f1c5a9e-0a3b-4c43-9d3a-5f0e0f1a2b3c"), "user-1", 7, NotificationType.SUCCESS,
            "Transcription Complete", "Your audio is ready", NotificationStatus.UNREAD,
            Map.of("job", 42), null, Instant.parse("2025-01-01T10:00:00Z"));

    @Test
    void serialisesWithTheStorysSnakeCaseFieldsAndLowercaseEnums() {
        JsonNode json = JSON.readTree(EventJson.toBytes(event));

        assertThat(json.get("id").asString()).isEqualTo("6f1c5a9e-0a3b-4c43-9d3a-5f0e0f1a2b3c");
        assertThat(json.get("user_id").asString()).isEqualTo("user-1");
        assertThat(json.get("seq").asLong()).isEqualTo(7);
        assertThat(json.get("type").asString()).isEqualTo("success");
        assertThat(json.get("status").asString()).isEqualTo("unread");
        assertThat(json.get("created_at").asString()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(json.get("related_session_id").isNull()).isTrue();
        assertThat(json.get("metadata").get("job").asInt()).isEqualTo(42);
    }

    @Test
    void sizeIsTheLengthOfTheBytes() {
        Map<String, Object> wide = Map.of("text", "é€😀\"\\\n\u0001", "list", List.of(1, 2.5, true));

        assertThat(EventJson.sizeOf(wide)).isEqualTo(EventJson.toBytes(wide).length);
        assertThat(EventJson.sizeOf(event)).isEqualTo(EventJson.toBytes(event).length);
    }

    @Test
    void toleratesFieldsAddedByANewerProducer() {
        String newer = new String(EventJson.toBytes(event), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"priority\":\"high\",");

        assertThat(EventJson.fromBytes(newer.getBytes(StandardCharsets.UTF_8), NotificationCreated.class))
                .isEqualTo(event);
    }

    @Test
    void rejectsMalformedDataWithAContractError() {
        assertThatThrownBy(() -> EventJson.fromBytes("{\"type\":\"loud\"}".getBytes(StandardCharsets.UTF_8),
                NotificationCreated.class))
                .isInstanceOf(EventJson.InvalidEventException.class)
                .hasMessageContaining("NotificationCreated");
    }

    @Test
    void createdSchemaListsTheStorysTypes() throws Exception {
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventType.NOTIFICATION_CREATED.dataSchema())) {
            schema = JSON.readTree(in);
        }

        assertThat(schema.get("properties").get("type").get("enum").toString())
                .isEqualTo("[\"" + NotificationType.allowed().replace("|", "\",\"") + "\"]");
    }
}
