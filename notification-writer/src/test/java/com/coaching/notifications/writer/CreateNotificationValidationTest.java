package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.TestTokens;
import com.coaching.notifications.writer.BadRequests.BadBody;
import com.coaching.notifications.writer.BadRequests.BadField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** The rules of {@code POST /api/notifications}, held to the same bad inputs as the request topic. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateNotificationValidationTest extends WriterIntegrationTest {

    private static final String WRITER = TestTokens.service("notifications:write");
    private final List<String> users = new ArrayList<>();

    static List<BadField> badFields() {
        return BadRequests.fields();
    }

    static List<BadBody> badBodies() {
        return BadRequests.bodies();
    }

    @ParameterizedTest(name = "{0} is a 400 problem naming the field")
    @MethodSource("badFields")
    void aBadFieldIsA400ProblemThatNamesItAndStoresNothing(BadField bad) {
        String user = "user-" + UUID.randomUUID();
        users.add(user);

        HttpResponse response = client.post("/api/notifications", WRITER, BadRequests.json(user, false, bad));

        JsonNode problem = assertBadRequestProblem(response);
        assertThat(problem.get("errors").findValuesAsString("field")).as(response.body()).contains(bad.field());
        assertNothingStoredFor(user);
    }

    @ParameterizedTest(name = "{0} is a 400 problem")
    @MethodSource("badBodies")
    void aBadBodyIsA400ProblemAndStoresNothing(BadBody bad) {
        String user = "user-" + UUID.randomUUID();
        users.add(user);

        HttpResponse response = client.post("/api/notifications", WRITER, bad.body().render(user, false));

        assertBadRequestProblem(response);
        assertNothingStoredFor(user);
    }

    @Test
    void anUnknownTypeIsAnsweredWithTheAllowedValues() {
        String user = "user-" + UUID.randomUUID();

        HttpResponse response = client.post("/api/notifications", WRITER,
                RequestJson.of(user, false, Map.of("type", "\"urgent\"")));

        assertThat(assertBadRequestProblem(response).get("errors").findValuesAsString("message"))
                .anyMatch(message -> message.contains("info|success|warning|error"));
    }

    @Test
    void aBodyWithInvalidFieldsIsSaidToBeOneAndABadHeaderAParameter() {
        String user = "user-" + UUID.randomUUID();
        users.add(user);

        JsonNode badField = assertBadRequestProblem(client.post("/api/notifications", WRITER,
                RequestJson.of(user, false, Map.of("title", "\"\""))));
        JsonNode badHeader = assertBadRequestProblem(client.post("/api/notifications", WRITER,
                RequestJson.of(user, false, Map.of()), Map.of("Idempotency-Key", "")));

        assertThat(badField.get("detail").asString()).isEqualTo("The request body has invalid fields.");
        assertThat(badHeader.get("detail").asString()).isEqualTo("The request has invalid parameters.");
        assertNothingStoredFor(user);
    }

    @Test
    void unknownFieldsAreIgnored() {
        String user = "user-" + UUID.randomUUID();

        HttpResponse response = client.post("/api/notifications", WRITER,
                RequestJson.of(user, false, Map.of("priority", "\"high\"")));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static JsonNode assertBadRequestProblem(HttpResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }

    /** Nor under an altered user id (a lone surrogate in it would have been stored as '?'). */
    private void assertNothingStoredFor(String user) {
        String like = user + "%";
        assertThat(jdbc.sql("select count(*) from notification where user_id like ?").param(like).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("select count(*) from outbox where user_id like ?").param(like).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from user_stream where user_id like ?").param(like).query(Long.class)
                .single()).isZero();
    }

    @AfterAll
    void nothingWasPublishedForAnyRejectedRequest() {
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows() == 0);
        assertThat(TopicReader.all()).noneMatch(r -> users.stream().anyMatch(user -> r.key().startsWith(user)));
    }
}
