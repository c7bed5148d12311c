package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.LargestNotification;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resume from the real writer's history, whatever the client missed: a backlog of the largest notifications
 * the writer accepts arrives whole on another replica than the one the client left, and an id ahead of the
 * user's seq is answered with {@code reset} instead of being trusted.
 */
class LargeBacklogResumeTest {

    private static final int BACKLOG = 500;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.start(2);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aClientThatMissedFiveHundredOfTheLargestNotificationsGetsEachOnceInOrderOnTheOtherReplicaThenLiveOnes()
            throws Exception {
        String user = "user-" + UUID.randomUUID();
        String token = TestTokens.user(user);
        String lastId;
        try (SseClient first = SseClient.connect(system.streamUrl(0), token)) {
            first.awaitEvent("connected", TIMEOUT);
            system.create(user, "Before the backlog");
            lastId = first.awaitEvent("notification", TIMEOUT).id();
        }
        assertThat(lastId).isEqualTo("1");
        createLargest(user, BACKLOG);
        long last = BACKLOG + 1;

        try (SseClient second = SseClient.connect(system.streamUrl(1),
                Map.of("Authorization", "Bearer " + token, "Last-Event-ID", lastId))) {
            Awaitility.await("the whole backlog, or the end of the stream").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> second.ended() || hasId(second, last));
            assertThat(ids(second)).as("the backlog over replica 2")
                    .containsExactlyElementsOf(LongStream.rangeClosed(2, last).boxed().toList());
            assertThat(notifications(second)).allSatisfy(frame -> {
                JsonNode data = JSON.readTree(frame.data());
                assertThat(data.get("seq").asLong()).isEqualTo(Long.parseLong(frame.id()));
                assertThat(frame.data().getBytes(StandardCharsets.UTF_8).length).as("an event of the largest size")
                        .isGreaterThan(17_000);
            });

            system.create(user, "After the backlog");
            second.await(frame -> Long.toString(last + 1).equals(frame.id()), TIMEOUT);

            assertThat(ids(second)).containsExactlyElementsOf(LongStream.rangeClosed(2, last + 1).boxed().toList());
            assertThat(second.ended()).as("the stream stays open").isFalse();
            assertThat(second.received()).as("no bare retry: the stream was never ended")
                    .noneMatch(frame -> frame.event() == null && frame.retry() != null);
        }
    }

    @Test
    void anIdAheadOfTheUsersSeqIsAnsweredWithResetAndTheStreamGoesOnLive() {
        String user = "user-" + UUID.randomUUID();
        String token = TestTokens.user(user);
        for (int i = 1; i <= 3; i++) {
            system.create(user, "Notification " + i);
        }

        try (SseClient resumed = SseClient.connect(system.streamUrl(1),
                Map.of("Authorization", "Bearer " + token, "Last-Event-ID", "1000"))) {
            SseClient.Frame reset = resumed.awaitEvent("reset", TIMEOUT);
            JsonNode data = JSON.readTree(reset.data());
            assertThat(data.get("reason").asString()).isEqualTo("ahead");
            assertThat(data.get("last_seq").asLong()).isEqualTo(3);
            assertThat(data.get("oldest_seq").asLong()).isEqualTo(1);
            assertThat(reset.id()).as("a reset carries no id").isNull();

            system.create(user, "After the reset");
            assertThat(resumed.awaitEvent("notification", TIMEOUT).id()).isEqualTo("4");
        }
    }

    /** Creates {@code count} of the largest notifications for the user, several at a time. */
    private static void createLargest(String user, int count) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                created.add(callers.submit(() -> system.create(LargestNotification.body(user))));
            }
            for (Future<String> each : created) {
                each.get();
            }
        } finally {
            callers.shutdown();
        }
    }

    private static boolean hasId(SseClient client, long seq) {
        return client.received().stream().anyMatch(frame -> Long.toString(seq).equals(frame.id()));
    }

    private static List<SseClient.Frame> notifications(SseClient client) {
        return client.received().stream().filter(frame -> "notification".equals(frame.event())).toList();
    }

    private static List<Long> ids(SseClient client) {
        return notifications(client).stream().map(frame -> Long.parseLong(frame.id())).toList();
    }
}
