package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateNotificationValidationTest extends WriterIntegrationTest {

    private static final String WRITER = TestTokens.service("notifications:write");
    private final List<String> users = new ArrayList<>();

    static Stream<Arguments> badBodies() {
        String big = "x".repeat(2001);
        String bigMetadata = "{\"blob\": \"" + "y".repeat(5000) + "\"}";
        return Stream.of(
                Arguments.of("missing user_id", "{\"type\": \"info\", \"title\": \"t\", \"message\": \"m\"}", "user_id", ""),
                Arguments.of("blank user_id", body("\"  \"", "\"info\"", "\"t\"", "\"m\""), "user_id", ""),
                Arguments.of("user_id over 255", body("\"" + "u".repeat(256) + "\"", "\"info\"", "\"t\"", "\"m\""), "user_id", ""),
                Arguments.of("missing type", "{\"user_id\": \"USER\", \"title\": \"t\", \"message\": \"m\"}", "type", ""),
                Arguments.of("unknown type", body("\"USER\"", "\"urgent\"", "\"t\"", "\"m\""), "type", "info|success|warning|error"),
                Arguments.of("missing title", "{\"user_id\": \"USER\", \"type\": \"info\", \"message\": \"m\"}", "title", ""),
                Arguments.of("blank title", body("\"USER\"", "\"info\"", "\"   \"", "\"m\""), "title", ""),
                Arguments.of("title over 200", body("\"USER\"", "\"info\"", "\"" + "t".repeat(201) + "\"", "\"m\""), "title", ""),
                Arguments.of("missing message", "{\"user_id\": \"USER\", \"type\": \"info\", \"title\": \"t\"}", "message", ""),
                Arguments.of("message over 2000", body("\"USER\"", "\"info\"", "\"t\"", "\"" + big + "\""), "message", ""),
                Arguments.of("metadata over 4 KB", "{\"user_id\": \"USER\", \"type\": \"info\", \"title\": \"t\", \"message\": \"m\", \"metadata\": " + bigMetadata + "}", "metadata", ""),
                Arguments.of("metadata not an object", "{\"user_id\": \"USER\", \"type\": \"info\", \"title\": \"t\", \"message\": \"m\", \"metadata\": [1, 2]}", "metadata", ""),
                Arguments.of("related_session_id not a UUID", "{\"user_id\": \"USER\", \"type\": \"info\", \"title\": \"t\", \"message\": \"m\", \"related_session_id\": \"session-7\"}", "related_session_id", ""),
                Arguments.of("malformed JSON", "{\"user_id\": \"USER\", \"type\": ", "", "malformed"));
    }

    private static String body(String userId, String type, String title, String message) {
        return "{\"user_id\": %s, \"type\": %s, \"title\": %s, \"message\": %s}".formatted(userId, type, title, message);
    }

    @ParameterizedTest(name = "{0} is a 400 problem naming {2}")
    @MethodSource("badBodies")
    void badInputIsA400ProblemThatNamesTheFieldAndStoresNothing(String name, String body, String field, String detailHint) {
        String user = "user-" + UUID.randomUUID();
        users.add(user);

        HttpResponse response = client.post("/api/notifications", WRITER, body.replace("USER", user));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (!field.isEmpty()) {
            assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        }
        assertThat(response.body()).contains(detailHint);
        assertThat(storedNotifications(user)).isZero();
        assertThat(outboxRows(user)).isZero();
        assertThat(jdbc.sql("select count(*) from user_stream where user_id = ?").param(user).query(Long.class).single())
                .isZero();
    }

    @AfterAll
    void nothingWasPublishedForAnyRejectedRequest() {
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows() == 0);
        assertThat(TopicReader.all()).noneMatch(r -> users.contains(r.key()));
    }
}
