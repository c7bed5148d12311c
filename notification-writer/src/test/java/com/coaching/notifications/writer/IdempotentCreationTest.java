package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.TestTokens;
import com.coaching.notifications.writer.idempotency.IdempotencyKeys;
import com.coaching.notifications.writer.idempotency.IdempotencyProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class IdempotentCreationTest extends WriterIntegrationTest {

    private static final String WRITER = WriterClient.WRITE_TOKEN;

    @Autowired
    IdempotencyKeys keys;

    @Autowired
    IdempotencyProperties idempotency;

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
    void onceTheKeyIsOlderThanTheRetentionTheSameBodyCreatesANewNotificationAndTheKeyStartsAgain() {
        String user = "user-" + UUID.randomUUID();
        String keyValue = UUID.randomUUID().toString();
        Map<String, String> key = Map.of("Idempotency-Key", keyValue);
        Duration retention = idempotency.retention();
        HttpResponse first = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "same"), key);
        assertThat(first.status()).isEqualTo(201);

        backdateKey(keyValue, retention.minusMinutes(5));
        HttpResponse withinRetention = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "same"), key);
        assertThat(withinRetention.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(withinRetention.json()).isEqualTo(first.json());

        backdateKey(keyValue, Duration.ofMinutes(10));
        HttpResponse afterRetention = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "same"), key);

        assertThat(afterRetention.status()).isEqualTo(201);
        assertThat(afterRetention.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(afterRetention.json().get("id")).isNotEqualTo(first.json().get("id"));
        assertThat(afterRetention.json().get("seq").asLong()).isEqualTo(first.json().get("seq").asLong() + 1);
        assertThat(storedNotifications(user)).isEqualTo(2);
        assertThat(client.get("/api/notifications/events?after=0", TestTokens.user(user)).json().get("events")).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> TopicReader.recordsFor(user).size() == 2);
        // The key now stands for the new notification, for a full retention again.
        HttpResponse replayOfTheNew = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "same"), key);
        assertThat(replayOfTheNew.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayOfTheNew.json()).isEqualTo(afterRetention.json());
        assertThat(storedNotifications(user)).isEqualTo(2);
    }

    @Test
    void onceTheKeyIsOlderThanTheRetentionADifferentBodyIsNoLongerAConflict() {
        String user = "user-" + UUID.randomUUID();
        String keyValue = UUID.randomUUID().toString();
        Map<String, String> key = Map.of("Idempotency-Key", keyValue);
        HttpResponse first = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "first"), key);
        assertThat(first.status()).isEqualTo(201);
        backdateKey(keyValue, idempotency.retention().plusMinutes(5));

        HttpResponse other = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "other"), key);

        assertThat(other.status()).isEqualTo(201);
        assertThat(other.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(other.json().get("title").asString()).isEqualTo("other");
        assertThat(other.json().get("id")).isNotEqualTo(first.json().get("id"));
        assertThat(storedNotifications(user)).isEqualTo(2);
    }

    @Test
    void pruningDropsKeysOlderThanTheRetentionAndKeepsYoungerOnes() {
        String user = "user-" + UUID.randomUUID();
        String expired = UUID.randomUUID().toString();
        String young = UUID.randomUUID().toString();
        client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "expired"), Map.of("Idempotency-Key", expired));
        HttpResponse youngFirst = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "young"),
                Map.of("Idempotency-Key", young));
        backdateKey(expired, idempotency.retention().plusMinutes(5));
        backdateKey(young, idempotency.retention().minusMinutes(5));

        keys.prune();

        assertThat(keyRows(expired)).isZero();
        assertThat(keyRows(young)).isEqualTo(1);
        HttpResponse youngAgain = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "young"),
                Map.of("Idempotency-Key", young));
        assertThat(youngAgain.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(youngAgain.json()).isEqualTo(youngFirst.json());
    }

    @Test
    void anOverlongKeyIsA400ProblemNamingTheHeader() {
        HttpResponse response = client.post("/api/notifications", WRITER,
                WriterClient.notificationFor("user-" + UUID.randomUUID(), "t"), Map.of("Idempotency-Key", "k".repeat(256)));

        InboxApiTest.assertBadRequestNaming(response, "Idempotency-Key");
    }

    /** Moves a key's created_at back, as if it had been used that much earlier. */
    private void backdateKey(String key, Duration by) {
        int updated = jdbc.sql("""
                        update idempotency_key set created_at = created_at - :seconds * interval '1 second'
                        where idempotency_key = :key
                        """)
                .param("seconds", by.toSeconds()).param("key", key)
                .update();
        assertThat(updated).isEqualTo(1);
    }

    private long keyRows(String key) {
        return jdbc.sql("select count(*) from idempotency_key where idempotency_key = :key")
                .param("key", key).query(Long.class).single();
    }
}
