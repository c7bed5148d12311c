package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

/**
 * User ids match {@code notifications.user-ids.pattern}, so that made-up ids cannot each grow the stream
 * tables; the REST rules are checked here, the request topic's with the other bad fields
 * ({@link BadRequests}).
 */
class UserIdPatternTest extends WriterIntegrationTest {

    private static final String WRITER = TestTokens.service("notifications:write");

    @ParameterizedTest(name = "the default pattern accepts {0}")
    @ValueSource(strings = {"alice", "user-UUID", "alice-UUID", "UUID", "svc:team.alice@example.test", "Bob_2"})
    void theDefaultPatternAcceptsTheIdsInUse(String shape) {
        String user = shape.replace("UUID", UUID.randomUUID().toString());

        assertThat(client.post("/api/notifications", WRITER, WriterClient.notificationFor(user, "t")).status())
                .isEqualTo(201);
    }

    @Test
    void aBroadcastWithAnIdOutsideThePatternIsA400NamingItAndCreatesNothing() {
        String user = "user-" + UUID.randomUUID();
        String body = """
                {"user_ids": ["%s", "%s/../x"], "type": "info", "title": "t", "message": "m"}
                """.formatted(user, user);

        InboxApiTest.assertBadRequestNaming(client.post("/api/notifications/broadcast",
                TestTokens.service("notifications:write", "notifications:broadcast"), body), "user_ids[1]");
        assertThat(storedNotifications(user)).isZero();
    }

    @Test
    void aUserTokenWhoseSubjectIsOutsideThePatternIsA403ProblemOnEveryInboxCallAndCreatesNoRow() {
        String subject = "made up " + UUID.randomUUID();
        String token = TestTokens.user(subject);

        for (String path : List.of("/api/notifications", "/api/notifications/unread-count",
                "/api/notifications/events?after=0")) {
            assertForbidden(client.get(path, token));
        }
        assertForbidden(client.post("/api/notifications/read-all", token, ""));
        assertForbidden(client.post("/api/notifications/" + UUID.randomUUID() + "/read", token, ""));
        assertForbidden(client.delete("/api/notifications/" + UUID.randomUUID(), token));
        assertThat(jdbc.sql("select count(*) from user_stream where user_id = ?").param(subject)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aConfiguredPatternChangesTheVerdict() {
        try (WriterInstance writer = WriterInstance.start(TestPostgres.newDatabase(), TestKafka.bootstrapServers(),
                "notifications.user-ids.pattern=user-[0-9a-f-]{36}")) {
            WriterClient strict = writer.client();

            InboxApiTest.assertBadRequestNaming(strict.post("/api/notifications", WRITER,
                    WriterClient.notificationFor("alice-" + UUID.randomUUID(), "t")), "user_id");
            assertThat(strict.post("/api/notifications", WRITER,
                    WriterClient.notificationFor("user-" + UUID.randomUUID(), "t")).status()).isEqualTo(201);
            assertForbidden(strict.get("/api/notifications", TestTokens.user("alice")));
        }
    }

    private static void assertForbidden(HttpResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(403);
        assertThat(response.json().get("detail").asString()).contains("notifications.user-ids.pattern");
    }
}
