package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class NotificationQueryTest extends WriterIntegrationTest {

    private static final String WRITER = TestTokens.service("notifications:write");

    @Test
    void listReturnsOnlyTheCallersOwnNotificationsNewestFirst() {
        String me = "user-" + UUID.randomUUID();
        String other = "user-" + UUID.randomUUID();
        create(me, "first");
        create(other, "not mine");
        create(me, "second");
        create(me, "third");

        HttpResponse response = client.get("/api/notifications", TestTokens.user(me));

        assertThat(response.status()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        for (JsonNode n : response.json().get("items")) {
            assertThat(n.get("user_id").asString()).isEqualTo(me);
            titles.add(n.get("title").asString());
        }
        assertThat(titles).containsExactly("third", "second", "first");
    }

    @Test
    void listHonoursTheLimitAndDefaultsToTwenty() {
        String me = "user-" + UUID.randomUUID();
        for (int i = 1; i <= 22; i++) {
            create(me, "n" + i);
        }

        assertThat(client.get("/api/notifications?limit=2", TestTokens.user(me)).json().get("items"))
                .extracting(n -> n.get("title").asString()).containsExactly("n22", "n21");
        assertThat(client.get("/api/notifications", TestTokens.user(me)).json().get("items")).hasSize(20);
        assertThat(client.get("/api/notifications?limit=100", TestTokens.user(me)).json().get("items")).hasSize(22);
    }

    @ParameterizedTest(name = "limit={0} is a 400 problem naming limit")
    @ValueSource(strings = {"0", "101", "-1", "abc"})
    void limitOutOfRangeIsA400Problem(String limit) {
        HttpResponse response = client.get("/api/notifications?limit=" + limit, TestTokens.user("user-" + UUID.randomUUID()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.json().get("errors").findValuesAsString("field")).contains("limit");
    }

    @Test
    void unreadCountCountsOnlyTheCallersUnreadNotifications() {
        String me = "user-" + UUID.randomUUID();
        String other = "user-" + UUID.randomUUID();
        create(me, "a");
        create(me, "b");
        create(other, "c");

        HttpResponse response = client.get("/api/notifications/unread-count", TestTokens.user(me));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("unread_count").asLong()).isEqualTo(2);
        assertThat(client.get("/api/notifications/unread-count", TestTokens.user("user-" + UUID.randomUUID()))
                .json().get("unread_count").asLong()).isZero();
    }

    private void create(String userId, String title) {
        assertThat(client.post("/api/notifications", WRITER, WriterClient.notificationFor(userId, title)).status())
                .isEqualTo(201);
    }
}
