package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.AllNotificationsRead;
import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationDeleted;
import com.coaching.notifications.events.NotificationRead;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class InboxApiTest extends WriterIntegrationTest {

    @Test
    void cursorPagesWalkTheWholeInboxNewestFirstWithoutRepeatsAndReportTheUsersSeq() {
        String me = "user-" + UUID.randomUUID();
        for (int i = 1; i <= 7; i++) {
            client.create(me, "n" + i);
        }
        List<String> titles = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse page = client.get("/api/notifications?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                    TestTokens.user(me));
            assertThat(page.status()).isEqualTo(200);
            JsonNode body = page.json();
            assertThat(body.get("last_seq").asLong()).isEqualTo(7);
            body.get("items").forEach(n -> titles.add(n.get("title").asString()));
            cursor = body.get("next_cursor").isNull() ? null : body.get("next_cursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(titles).containsExactly("n7", "n6", "n5", "n4", "n3", "n2", "n1");
    }

    @Test
    void statusFilterShowsOnlyUnreadOrOnlyRead() {
        String me = "user-" + UUID.randomUUID();
        String first = client.create(me, "first");
        client.create(me, "second");
        assertThat(client.post("/api/notifications/" + first + "/read", TestTokens.user(me), "").status()).isEqualTo(200);

        assertThat(titles(client.get("/api/notifications?status=unread", TestTokens.user(me)))).containsExactly("second");
        assertThat(titles(client.get("/api/notifications?status=read", TestTokens.user(me)))).containsExactly("first");
    }

    @ParameterizedTest(name = "{0} is a 400 problem naming the parameter")
    @ValueSource(strings = {"status=archived", "cursor=not-a-cursor!", "cursor=djE6LTU"})
    void badListParametersAreA400ProblemNamingTheParameter(String query) {
        HttpResponse response = client.get("/api/notifications?" + query, TestTokens.user("user-" + UUID.randomUUID()));

        assertBadRequestNaming(response, query.substring(0, query.indexOf('=')));
    }

    @Test
    void unreadCountComesWithTheSeqItIncludes() {
        String me = "user-" + UUID.randomUUID();
        String first = client.create(me, "a");
        client.create(me, "b");
        client.post("/api/notifications/" + first + "/read", TestTokens.user(me), "");

        JsonNode count = client.get("/api/notifications/unread-count", TestTokens.user(me)).json();

        assertThat(count.get("unread_count").asLong()).isEqualTo(1);
        assertThat(count.get("last_seq").asLong()).isEqualTo(3);
    }

    @Test
    void markReadReturnsTheNotificationAndEmitsOneEventEvenWhenRepeated() {
        String me = "user-" + UUID.randomUUID();
        String id = client.create(me, "a");

        HttpResponse first = client.post("/api/notifications/" + id + "/read", TestTokens.user(me), "");
        HttpResponse again = client.post("/api/notifications/" + id + "/read", TestTokens.user(me), "");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("id").asString()).isEqualTo(id);
        assertThat(first.json().get("status").asString()).isEqualTo("read");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asString()).isEqualTo("read");
        List<ConsumerRecord<String, byte[]>> records = publishedFor(me, 2);
        assertThat(header(records.get(1), CloudEventHeaders.TYPE)).isEqualTo("notification.read");
        NotificationRead read = EventJson.fromBytes(records.get(1).value(), NotificationRead.class);
        assertThat(read.id()).isEqualTo(UUID.fromString(id));
        assertThat(read.seq()).isEqualTo(2);
        assertThat(read.userId()).isEqualTo(me);
        assertThat(client.get("/api/notifications/unread-count", TestTokens.user(me)).json().get("last_seq").asLong())
                .isEqualTo(2);
    }

    @Test
    void readAllMarksEverythingReadWithOneEventAndNothingUnreadEmitsNone() {
        String me = "user-" + UUID.randomUUID();
        client.create(me, "a");
        client.create(me, "b");

        HttpResponse all = client.post("/api/notifications/read-all", TestTokens.user(me), "");
        HttpResponse nothingLeft = client.post("/api/notifications/read-all", TestTokens.user(me), "");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("updated").asInt()).isEqualTo(2);
        assertThat(all.json().get("seq").asLong()).isEqualTo(3);
        assertThat(nothingLeft.json().get("updated").asInt()).isZero();
        assertThat(nothingLeft.json().get("seq").asLong()).isEqualTo(3);
        List<ConsumerRecord<String, byte[]>> records = publishedFor(me, 3);
        AllNotificationsRead event = EventJson.fromBytes(records.get(2).value(), AllNotificationsRead.class);
        assertThat(header(records.get(2), CloudEventHeaders.TYPE)).isEqualTo("notification.all_read");
        assertThat(event.seq()).isEqualTo(3);
        assertThat(event.upToSeq()).isEqualTo(2);
        assertThat(client.get("/api/notifications/unread-count", TestTokens.user(me)).json().get("unread_count").asLong())
                .isZero();
    }

    @Test
    void deleteRemovesTheNotificationWithAnEventAndA204() {
        String me = "user-" + UUID.randomUUID();
        String id = client.create(me, "a");

        HttpResponse deleted = client.delete("/api/notifications/" + id, TestTokens.user(me));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(storedNotifications(me)).isZero();
        List<ConsumerRecord<String, byte[]>> records = publishedFor(me, 2);
        NotificationDeleted event = EventJson.fromBytes(records.get(1).value(), NotificationDeleted.class);
        assertThat(header(records.get(1), CloudEventHeaders.TYPE)).isEqualTo("notification.deleted");
        assertThat(event.id()).isEqualTo(UUID.fromString(id));
        assertThat(event.seq()).isEqualTo(2);
        assertThat(client.delete("/api/notifications/" + id, TestTokens.user(me)).status()).isEqualTo(404);
    }

    @Test
    void anotherUsersNotificationIsA404JustLikeAnUnknownOneAndStaysUntouched() {
        String owner = "user-" + UUID.randomUUID();
        String id = client.create(owner, "mine");
        String intruder = TestTokens.user("user-" + UUID.randomUUID());

        HttpResponse read = client.post("/api/notifications/" + id + "/read", intruder, "");
        HttpResponse delete = client.delete("/api/notifications/" + id, intruder);
        HttpResponse unknown = client.post("/api/notifications/" + UUID.randomUUID() + "/read", intruder, "");

        for (HttpResponse response : List.of(read, delete, unknown)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        }
        assertThat(read.json().get("detail").asString()).isEqualTo(unknown.json().get("detail").asString());
        assertThat(client.get("/api/notifications/unread-count", TestTokens.user(owner)).json().get("unread_count").asLong())
                .isEqualTo(1);
        assertThat(storedNotifications(owner)).isEqualTo(1);
    }

    @Test
    void malformedIdIsA400ProblemNamingId() {
        String token = TestTokens.user("user-" + UUID.randomUUID());

        assertBadRequestNaming(client.post("/api/notifications/not-a-uuid/read", token, ""), "id");
        assertBadRequestNaming(client.delete("/api/notifications/not-a-uuid", token), "id");
    }

    private List<ConsumerRecord<String, byte[]>> publishedFor(String user, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> TopicReader.recordsFor(user).size() >= count);
        List<ConsumerRecord<String, byte[]>> records = TopicReader.recordsFor(user);
        assertThat(records).hasSize(count);
        assertThat(records).extracting(r -> Long.parseLong(header(r, CloudEventHeaders.SEQ)))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, count).boxed().toList());
        return records;
    }

    private static List<String> titles(HttpResponse response) {
        List<String> titles = new ArrayList<>();
        response.json().get("items").forEach(n -> titles.add(n.get("title").asString()));
        return titles;
    }

    static void assertBadRequestNaming(HttpResponse response, String field) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
        assertThat(response.body()).doesNotContain("\tat ");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EventEnvelope.header(record.headers(), name);
    }
}
