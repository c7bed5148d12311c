package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path with nothing faked: a service POSTs to the writer (a separate JVM) with a real
 * service token; the writer commits to a real PostgreSQL and its outbox relay publishes to a real
 * Kafka broker; the gateway (another JVM) reads the topic and pushes the event over SSE to the
 * browser-like client of that user, and to no one else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationDeliveryEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RunningSystem system;

    @BeforeAll
    void startServices() {
        system = RunningSystem.start(1);
    }

    @AfterAll
    void stopServices() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void notificationPostedToTheWriterReachesItsUsersStreamWithinOneSecondAndNoOtherUser() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        try (SseClient aliceStream = openStream(alice); SseClient bobStream = openStream(bob)) {
            // The first request through a cold JVM pays for class loading and the producer's first
            // metadata fetch; the one-second target is for a running system.
            String warmUp = system.create(alice, "Warm-up");
            aliceStream.await(f -> "notification".equals(f.event()) && f.data().contains(warmUp), Duration.ofSeconds(10));

            long start = System.nanoTime();
            String id = system.create(alice, "Transcription Complete");
            SseClient.Frame frame = aliceStream.await(
                    f -> "notification".equals(f.event()) && f.data().contains(id), Duration.ofSeconds(10));
            Duration latency = Duration.ofNanos(System.nanoTime() - start);

            JsonNode data = JSON.readTree(frame.data());
            assertThat(data.get("title").asString()).isEqualTo("Transcription Complete");
            assertThat(data.get("type").asString()).isEqualTo("success");
            assertThat(data.get("user_id").asString()).isEqualTo(alice);
            assertThat(frame.id()).isEqualTo("2").isEqualTo(data.get("seq").asString());
            assertThat(latency).as("creation to receipt").isLessThan(Duration.ofSeconds(1));

            // Bob's own notification, created after Alice's, is the first one Bob ever sees.
            String bobsOwn = system.create(bob, "For Bob");
            SseClient.Frame bobsFirst = bobStream.awaitEvent("notification", Duration.ofSeconds(10));
            assertThat(bobsFirst.data()).contains(bobsOwn);
            assertThat(bobStream.received()).noneMatch(f -> f.data() != null
                    && (f.data().contains(id) || f.data().contains(warmUp)));
        }
    }

    private SseClient openStream(String userId) {
        SseClient client = SseClient.connect(system.streamUrl(0), TestTokens.user(userId));
        client.awaitEvent("connected", Duration.ofSeconds(10));
        return client;
    }
}
