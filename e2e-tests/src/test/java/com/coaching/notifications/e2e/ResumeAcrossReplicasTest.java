package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A client reading a stream of notifications from replica 1 loses it when replica 1 is stopped in
 * the middle; it reconnects to replica 2 with its last id while notifications keep being created.
 * The seqs it received over both connections are exactly 1..N, in order, none twice.
 */
class ResumeAcrossReplicasTest {

    private static final int N = 40;

    @Test
    void aClientThatMovesToAnotherReplicaWithItsLastIdMissesNothingAndSeesNothingTwice() throws Exception {
        try (RunningSystem system = RunningSystem.start(2)) {
            String user = "user-" + UUID.randomUUID();
            String token = TestTokens.user(user);
            List<Long> received = new ArrayList<>();

            SseClient first = SseClient.connect(system.streamUrl(0), token);
            first.awaitEvent("connected", Duration.ofSeconds(10));
            CompletableFuture<Void> creating = CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= N; i++) {
                    system.create(user, "Notification " + i);
                }
            });
            for (int i = 0; i < N / 4; i++) {
                received.add(Long.parseLong(first.awaitEvent("notification", Duration.ofSeconds(20)).id()));
            }

            system.gateways.get(0).close();
            Awaitility.await("replica 1 ends the stream").atMost(Duration.ofSeconds(30)).until(first::ended);
            first.received().stream().filter(f -> "notification".equals(f.event())).map(f -> Long.parseLong(f.id()))
                    .skip(received.size()).forEach(received::add);
            first.close();
            String lastId = Long.toString(received.get(received.size() - 1));

            try (SseClient second = SseClient.connect(system.streamUrl(1),
                    Map.of("Authorization", "Bearer " + token, "Last-Event-ID", lastId))) {
                second.awaitEvent("connected", Duration.ofSeconds(10));
                creating.get();
                while (received.get(received.size() - 1) < N) {
                    received.add(Long.parseLong(second.awaitEvent("notification", Duration.ofSeconds(20)).id()));
                }
            }

            assertThat(received).as("seqs over both replicas")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, N).boxed().toList());
        }
    }
}
