package com.coaching.notifications.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.AllNotificationsRead;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationDeleted;
import com.coaching.notifications.events.NotificationRead;
import com.coaching.notifications.events.NotificationRequest;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.events.NotificationType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The schemas, as the validator applies them, take what the records write and refuse what the contract forbids. */
class ContractSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T = Instant.parse("2025-01-01T10:00:00Z");
    private static final String CREATED = EventType.NOTIFICATION_CREATED.dataSchema();

    private static final Map<EventType, Object> SAMPLES = Map.of(
            EventType.NOTIFICATION_CREATED, created(),
            EventType.NOTIFICATION_READ, new NotificationRead(UUID.randomUUID(), "u", 2, NotificationStatus.READ, T),
            EventType.NOTIFICATION_ALL_READ, new AllNotificationsRead("u", 3, 2, T),
            EventType.NOTIFICATION_DELETED, new NotificationDeleted(UUID.randomUUID(), "u", 4, T));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void whatTheEventRecordsWriteIsValid(EventType type) {
        assertThat(ContractSchemas.violations(type.dataSchema(), EventJson.toBytes(SAMPLES.get(type)))).isEmpty();
    }

    static Stream<Arguments> brokenCreatedEvents() {
        return Stream.of(
                Arguments.of("type outside its enum", "type", "\"urgent\""),
                Arguments.of("status outside its enum", "status", "\"archived\""),
                Arguments.of("title longer than 200", "title", "\"" + "t".repeat(201) + "\""),
                Arguments.of("empty title", "title", "\"\""),
                Arguments.of("message longer than 2000", "message", "\"" + "m".repeat(2001) + "\""),
                Arguments.of("id not a uuid", "id", "\"123\""),
                Arguments.of("related session not a uuid", "related_session_id", "\"session-1\""),
                Arguments.of("created_at not a date-time", "created_at", "\"yesterday\""),
                Arguments.of("seq below 1", "seq", "0"),
                Arguments.of("seq as a string", "seq", "\"1\""),
                Arguments.of("metadata an array", "metadata", "[1]"),
                Arguments.of("user_id empty", "user_id", "\"\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCreatedEvents")
    void aCreatedEventThatBreaksTheContractIsRefused(String why, String field, String value) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventJson.toBytes(created()));
        event.set(field, JSON.readTree(value));

        assertThat(ContractSchemas.violations(CREATED, JSON.writeValueAsBytes(event))).as(why).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anEventWithoutARequiredFieldIsRefused(EventType type) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventJson.toBytes(SAMPLES.get(type)));
        event.remove("seq");

        assertThat(ContractSchemas.violations(type.dataSchema(), JSON.writeValueAsBytes(event))).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void requestsAreValidatedToo(String json, boolean valid) {
        assertThat(ContractSchemas.violations(ContractSchemas.REQUEST, json.getBytes(StandardCharsets.UTF_8)).isEmpty())
                .as(json).isEqualTo(valid);
    }

    static Stream<Arguments> requests() {
        String valid = new String(EventJson.toBytes(new NotificationRequest("r-1", "u", NotificationType.ERROR, "t", "m",
                Map.of("k", "v"), UUID.randomUUID())), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of(valid, true),
                Arguments.of(valid.replace("\"error\"", "\"fatal\""), false),
                Arguments.of(valid.replace("\"title\":\"t\"", "\"title\":5"), false));
    }

    private static NotificationCreated created() {
        return new NotificationCreated(UUID.randomUUID(), "u", 1, NotificationType.INFO, "t", "m",
                NotificationStatus.UNREAD, Map.of("k", 1), UUID.randomUUID(), T);
    }
}
