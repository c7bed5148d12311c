package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.SseClient;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Story test 3, with the interval shortened from 30 s to 200 ms. */
class HeartbeatTest extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void openStreamReceivesRepeatedHeartbeatsWithoutIdWithTimestampAndTheUsersConnectionCount() {
        String userId = newUserId();
        try (SseClient client = connected(userId)) {
            for (int i = 0; i < 2; i++) {
                SseClient.Frame frame = client.awaitEvent("heartbeat", TIMEOUT);
                // Only events carry an id (their seq): a browser's Last-Event-ID stays the last event's.
                assertThat(frame.id()).isNull();
                JsonNode heartbeat = JSON.readTree(frame.data());

                assertThat(Instant.parse(heartbeat.get("timestamp").asString())).isBeforeOrEqualTo(Instant.now());
                assertThat(heartbeat.get("connections").asInt()).isEqualTo(1);
            }
        }
    }

    @Test
    void heartbeatCountsEveryConnectionOfTheUserOnThisReplica() {
        String userId = newUserId();
        try (SseClient first = connected(userId); SseClient second = connected(userId)) {
            JsonNode heartbeat = JSON.readTree(first.await(
                    f -> "heartbeat".equals(f.event()) && JSON.readTree(f.data()).get("connections").asInt() == 2,
                    TIMEOUT).data());

            assertThat(heartbeat.get("connections").asInt()).isEqualTo(2);
            second.awaitEvent("heartbeat", TIMEOUT);
        }
    }
}
