package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class IdempotentCreationTest extends WriterIntegrationTest {

    private static final String WRITER = WriterClient.WRITE_TOKEN;

    @Test
    void sameKeyAndSameBodyReplaysTheSameNotificationWithoutASecondEvent() {
        String user = "user-" + UUID.randomUUID();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        HttpResponse first = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "once"), key);
        HttpResponse again = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "once"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(storedNotifications(user)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(user) == 0);
        assertThat(TopicReader.recordsFor(user)).hasSize(1);
    }

    @Test
    void sameKeyWithADifferentBodyIsA409ProblemAndCreatesNothing() {
        String user = "user-" + UUID.randomUUID();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "first"), key);

        HttpResponse conflict = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "other"), key);

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(storedNotifications(user)).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheCallingService() {
        String user = "user-" + UUID.randomUUID();
        Map<String, String> key = Map.of("Idempotency-Key", "shared-key-" + UUID.randomUUID());

        HttpResponse billing = client.post("/api/notifications", TestTokens.token().subject("billing")
                .scopes("notifications:write").sign(), WriterClient.notificationFor(user, "same"), key);
        HttpResponse coaching = client.post("/api/notifications", TestTokens.token().subject("coaching")
                .scopes("notifications:write").sign(), WriterClient.notificationFor(user, "same"), key);

        assertThat(billing.status()).isEqualTo(201);
        assertThat(coaching.status()).isEqualTo(201);
        assertThat(coaching.json().get("id")).isNotEqualTo(billing.json().get("id"));
        assertThat(storedNotifications(user)).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneNotification() throws Exception {
        String user = "user-" + UUID.randomUUID();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse>> responses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                responses.add(pool.submit(() -> client.post("/api/notifications", WRITER,
                        WriterClient.notificationFor(user, "race"), key)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse> response : responses) {
                assertThat(response.get().status()).isEqualTo(201);
                ids.add(response.get().json().get("id").asString());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(storedNotifications(user)).isEqualTo(1);
    }

    @Test
    void anOverlongKeyIsA400ProblemNamingTheHeader() {
        HttpResponse response = client.post("/api/notifications", WRITER,
                WriterClient.notificationFor("user-" + UUID.randomUUID(), "t"), Map.of("Idempotency-Key", "k".repeat(256)));

        InboxApiTest.assertBadRequestNaming(response, "Idempotency-Key");
    }
}
