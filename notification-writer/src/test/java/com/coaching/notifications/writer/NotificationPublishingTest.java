package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.events.NotificationType;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class NotificationPublishingTest extends WriterIntegrationTest {

    private static final String WRITER = TestTokens.service("notifications:write");

    @Test
    void createdNotificationIsStoredAndPublishedOnceWithCloudEventsHeadersAndItsSeq() {
        String user = "user-" + UUID.randomUUID();

        HttpResponse created = client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "Transcription Complete"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(created.headers().getLocation()).hasPath("/api/notifications/" + id);
        assertThat(body.get("user_id").asString()).isEqualTo(user);
        assertThat(body.get("seq").asLong()).isEqualTo(1);
        assertThat(body.get("type").asString()).isEqualTo("success");
        assertThat(body.get("status").asString()).isEqualTo("unread");
        assertThat(body.get("metadata").get("transcript_id").asInt()).isEqualTo(42);
        assertThat(body.get("related_session_id").asString()).isEqualTo("3f1c2a64-8d6e-4c1b-9a57-0e2f4b6d8c10");
        assertThat(storedNotifications(user)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(user) == 0);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.recordsFor(user);

        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(record.key()).isEqualTo(user);
        NotificationCreated event = EventJson.fromBytes(record.value(), NotificationCreated.class);
        assertThat(event.id()).isEqualTo(UUID.fromString(id));
        assertThat(event.userId()).isEqualTo(user);
        assertThat(event.seq()).isEqualTo(1);
        assertThat(event.type()).isEqualTo(NotificationType.SUCCESS);
        assertThat(event.title()).isEqualTo("Transcription Complete");
        assertThat(event.message()).isEqualTo("Your audio is ready");
        assertThat(event.status()).isEqualTo(NotificationStatus.UNREAD);
        assertThat(event.metadata()).isEqualTo(Map.of("transcript_id", 42, "tags", List.of("audio")));
        assertThat(event.relatedSessionId()).isEqualTo(UUID.fromString("3f1c2a64-8d6e-4c1b-9a57-0e2f4b6d8c10"));
        assertThat(event.createdAt()).isEqualTo(Instant.parse(body.get("created_at").asString()));

        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(UUID.fromString(header(record, CloudEventHeaders.ID))).isNotNull();
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("notification.created");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/notification-writer");
        assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isEqualTo(event.createdAt());
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(user);
        assertThat(header(record, CloudEventHeaders.SEQ)).isEqualTo("1");
        assertThat(header(record, CloudEventHeaders.DATA_SCHEMA)).isEqualTo("schemas/notification.created.v1.json");
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void outboxIsEmptyOncePublished() {
        String user = "user-" + UUID.randomUUID();

        client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "one"));
        client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "two"));

        await().atMost(Duration.ofSeconds(10)).until(() -> TopicReader.recordsFor(user).size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(user) == 0);
    }

    @Test
    void concurrentCreatesForOneUserGetGapFreeSeqsThatArePublishedInSeqOrder() throws Exception {
        String user = "user-" + UUID.randomUUID();
        int n = 20;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<HttpResponse>> posts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String title = "parallel " + i;
                posts.add(() -> client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, title)));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<HttpResponse> response : pool.invokeAll(posts)) {
                assertThat(response.get().status()).isEqualTo(201);
                seqs.add(response.get().json().get("seq").asLong());
            }
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
        } finally {
            pool.shutdownNow();
        }

        List<Long> stored = jdbc.sql("select seq from notification where user_id = ? order by seq")
                .param(user).query(Long.class).list();
        assertThat(stored).isEqualTo(LongStream.rangeClosed(1, n).boxed().toList());

        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(user) == 0);
        List<Long> published = TopicReader.recordsFor(user).stream()
                .map(r -> Long.parseLong(header(r, CloudEventHeaders.SEQ)))
                .toList();
        assertThat(published).isEqualTo(LongStream.rangeClosed(1, n).boxed().toList());
    }

    @Test
    void anotherUsersSeqStartsAtOne() {
        String first = "user-" + UUID.randomUUID();
        String second = "user-" + UUID.randomUUID();

        client.post("/api/notifications", WRITER, WriterClient.notificationFor(first, "a"));
        client.post("/api/notifications", WRITER, WriterClient.notificationFor(first, "b"));
        HttpResponse other = client.post("/api/notifications", WRITER, WriterClient.notificationFor(second, "c"));

        assertThat(other.json().get("seq").asLong()).isEqualTo(1);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EventEnvelope.header(record.headers(), name);
    }
}
