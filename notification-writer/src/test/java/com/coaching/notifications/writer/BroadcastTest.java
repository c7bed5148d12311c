package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BroadcastTest extends WriterIntegrationTest {

    private static final String WRITER = TestTokens.service("notifications:write", "notifications:broadcast");

    @Test
    void broadcastToTenThousandUsersCreatesOneNotificationSeqAndEventEach() {
        String prefix = "bc-" + UUID.randomUUID() + "-";
        List<String> users = IntStream.range(0, 10_000).mapToObj(i -> prefix + i).toList();
        client.create(users.get(0), "before");

        long start = System.nanoTime();
        HttpResponse response = client.post("/api/notifications/broadcast", WRITER, body(users, "Maintenance tonight"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("created").asInt()).isEqualTo(10_000);
        System.out.println("broadcast to 10000 users took " + millis + " ms");
        assertThat(jdbc.sql("select count(*) from notification where user_id like ?").param(prefix + "%")
                .query(Long.class).single()).isEqualTo(10_001);
        assertThat(jdbc.sql("select seq from notification where user_id = ? order by seq").param(users.get(0))
                .query(Long.class).list()).containsExactly(1L, 2L);
        assertThat(jdbc.sql("select count(*) from stream_history where user_id like ?").param(prefix + "%")
                .query(Long.class).single()).isEqualTo(10_001);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("select count(*) from outbox where user_id like ?")
                .param(prefix + "%").query(Long.class).single() == 0);
        Map<String, List<Long>> seqs = TopicReader.all().stream()
                .filter(r -> r.key().startsWith(prefix))
                .collect(Collectors.groupingBy(r -> r.key(), Collectors.mapping(
                        r -> Long.parseLong(EventEnvelope.header(r.headers(), CloudEventHeaders.SEQ)), Collectors.toList())));
        assertThat(seqs).hasSize(10_000);
        assertThat(seqs.get(users.get(0))).containsExactly(1L, 2L);
        assertThat(seqs.get(users.get(9_999))).containsExactly(1L);
    }

    @Test
    void broadcastIsIdempotentWithAKey() {
        List<String> users = List.of("user-" + UUID.randomUUID(), "user-" + UUID.randomUUID());
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        HttpResponse first = client.post("/api/notifications/broadcast", WRITER, body(users, "once"), key);
        HttpResponse again = client.post("/api/notifications/broadcast", WRITER, body(users, "once"), key);
        HttpResponse conflict = client.post("/api/notifications/broadcast", WRITER, body(users, "twice"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("created").asInt()).isEqualTo(2);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(storedNotifications(users.get(0))).isEqualTo(1);
        assertThat(storedNotifications(users.get(1))).isEqualTo(1);
    }

    @Test
    void emptyOversizedOrRepeatingUserListsAreA400ProblemNamingUserIdsAndCreateNothing() {
        String user = "user-" + UUID.randomUUID();
        List<String> tooMany = IntStream.range(0, 10_001).mapToObj(i -> user + "-" + i).toList();

        for (List<String> users : List.of(List.<String>of(), tooMany, List.of(user, user))) {
            InboxApiTest.assertBadRequestNaming(client.post("/api/notifications/broadcast", WRITER, body(users, "t")), "user_ids");
        }
        InboxApiTest.assertBadRequestNaming(
                client.post("/api/notifications/broadcast", WRITER, body(List.of(user, " "), "t")), "user_ids[1]");
        assertThat(storedNotifications(user)).isZero();
    }

    @ParameterizedTest(name = "a user id with {0} is a 400 problem naming it, and nobody gets the broadcast")
    @CsvSource(delimiter = '|', value = {
            "a lone surrogate | \"USER-b\\ud800\"",
            "NUL              | \"USER-b\\u0000\"",
            "a number         | 42"})
    void aUserIdThatCannotBeStoredAsSentIsA400ProblemNamingItAndCreatesNothing(String name, String badId) {
        String user = "user-" + UUID.randomUUID();
        String body = """
                {"user_ids": ["%s-a", %s], "type": "info", "title": "t", "message": "m"}
                """.formatted(user, badId.replace("USER", user));

        InboxApiTest.assertBadRequestNaming(client.post("/api/notifications/broadcast", WRITER, body), "user_ids[1]");
        assertThat(jdbc.sql("select count(*) from notification where user_id like ?").param(user + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aBroadcastTitleWithALoneSurrogateIsA400ProblemNamingIt() {
        String user = "user-" + UUID.randomUUID();

        InboxApiTest.assertBadRequestNaming(client.post("/api/notifications/broadcast", WRITER,
                body(List.of(user), "cut \\ud83d emoji")), "title");
        assertThat(storedNotifications(user)).isZero();
    }

    @Test
    void aUserTokenCannotBroadcast() {
        HttpResponse response = client.post("/api/notifications/broadcast", TestTokens.user("user-" + UUID.randomUUID()),
                body(List.of("user-" + UUID.randomUUID()), "t"));

        assertThat(response.status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "a service token with only {0} cannot broadcast: 403 problem, nothing created")
    @CsvSource({"notifications:write", "notifications:broadcast"})
    void aServiceTokenWithoutBothScopesCannotBroadcast(String scope) {
        String user = "user-" + UUID.randomUUID();

        HttpResponse response = client.post("/api/notifications/broadcast", TestTokens.service(scope), body(List.of(user), "t"));

        response.assertInsufficientScope();
        assertThat(storedNotifications(user)).isZero();
    }

    @Test
    void aServiceTokenWithWriteAndBroadcastCanBroadcast() {
        String user = "user-" + UUID.randomUUID();

        HttpResponse response = client.post("/api/notifications/broadcast", WRITER, body(List.of(user), "t"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(storedNotifications(user)).isEqualTo(1);
    }

    private static String body(List<String> users, String title) {
        String ids = users.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(","));
        return """
                {"user_ids": [%s], "type": "warning", "title": "%s", "message": "Down from 2 to 3",
                 "metadata": {"window": "02:00-03:00"}}
                """.formatted(ids, title);
    }
}
