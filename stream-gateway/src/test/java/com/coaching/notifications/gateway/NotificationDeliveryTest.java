package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.testsupport.SseClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Story tests 4 and 5: events from Kafka reach the connections of their user, and only those. */
class NotificationDeliveryTest extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void notificationCreatedOnKafkaArrivesAsNotificationFrameNumberedWithTheUsersSeq() {
        String userId = newUserId();
        try (SseClient client = connected(userId)) {
            NotificationCreated created = notification(userId, 42, "Transcription Complete");
            publish(created);

            SseClient.Frame frame = client.awaitEvent("notification", TIMEOUT);

            assertThat(frame.id()).isEqualTo("42");
            JsonNode data = JSON.readTree(frame.data());
            assertThat(data.get("id").asString()).isEqualTo(created.id().toString());
            assertThat(data.get("title").asString()).isEqualTo("Transcription Complete");
            assertThat(data.get("type").asString()).isEqualTo("success");
            assertThat(data.get("user_id").asString()).isEqualTo(userId);
        }
    }

    @Test
    void userReceivesOnlyItsOwnNotificationsNeverAnotherUsers() {
        String user1 = newUserId();
        String user2 = newUserId();
        try (SseClient client1 = connected(user1); SseClient client2 = connected(user2)) {
            NotificationCreated forUser2 = notification(user2, 1, "For user 2 only");
            publish(forUser2);
            // The gateway has handled user 2's record once user 2 has it.
            client2.awaitEvent("notification", TIMEOUT);

            NotificationCreated forUser1 = notification(user1, 1, "For user 1");
            publish(forUser1);

            SseClient.Frame first = client1.awaitEvent("notification", TIMEOUT);
            assertThat(JSON.readTree(first.data()).get("id").asString()).isEqualTo(forUser1.id().toString());
            assertThat(client1.received())
                    .noneMatch(f -> f.data() != null && f.data().contains(forUser2.id().toString()))
                    .noneMatch(f -> f.data() != null && f.data().contains(user2));
        }
    }

    @Test
    void everyConnectionOfTheUserReceivesTheNotification() {
        String userId = newUserId();
        try (SseClient laptop = connected(userId); SseClient phone = connected(userId)) {
            NotificationCreated created = notification(userId, 7, "On both devices");
            publish(created);

            assertThat(laptop.awaitEvent("notification", TIMEOUT).id()).isEqualTo("7");
            assertThat(phone.awaitEvent("notification", TIMEOUT).id()).isEqualTo("7");
        }
    }

    @Test
    void notificationsOfOneUserArriveInSeqOrder() {
        String userId = newUserId();
        try (SseClient client = connected(userId)) {
            for (long seq = 1; seq <= 5; seq++) {
                publish(notification(userId, seq, "Number " + seq));
            }

            for (long seq = 1; seq <= 5; seq++) {
                assertThat(client.awaitEvent("notification", TIMEOUT).id()).isEqualTo(Long.toString(seq));
            }
        }
    }
}
