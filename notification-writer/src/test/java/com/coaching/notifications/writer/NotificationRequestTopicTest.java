package com.coaching.notifications.writer;

import static com.coaching.notifications.writer.RequestJson.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.writer.BadRequests.BadField;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Other services ask for notifications on {@link Topics#REQUESTS}. A record that can never be
 * processed goes to the dead-letter topic at once, with the reason, and never holds up its partition:
 * the valid request behind it (same key, so same partition) is created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationRequestTopicTest extends WriterIntegrationTest {

    /** The key (a fresh user) each bad record was sent with, by its name, and the value sent, by key. */
    private final Map<String, String> users = new HashMap<>();
    private final Map<String, byte[]> sent = new HashMap<>();
    private RequestTopic topic;
    @Autowired
    private MeterRegistry meters;
    /** The dead-letter topic as last read: read again only when a record looked for is not on it yet. */
    private List<ConsumerRecord<String, byte[]>> deadLetters = List.of();

    /** A bad record; {@code field} is what its reason must name (empty: the whole value is wrong). */
    record Poison(String name, String field, BadRequests.Body body) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Poison> poisonRecords() {
        List<Poison> rows = new ArrayList<>();
        BadRequests.fields().forEach(bad -> rows.add(new Poison(bad.name(), bad.field(), field(bad))));
        BadRequests.bodies().forEach(bad -> rows.add(new Poison(bad.name(), "", bad.body())));
        // What only the topic has: the request id, the schema's "no other fields", records without a value.
        Stream.of(
                new BadField("request_id with a lone surrogate", "request_id", "\"req-\\ud800\""),
                new BadField("request_id with NUL", "request_id", "\"req-\\u0000\""),
                new BadField("request_id over 200", "request_id", "\"" + "r".repeat(201) + "\""),
                new BadField("request_id a number", "request_id", "7"),
                new BadField("an unknown field", "priority", "\"high\""))
                .forEach(bad -> rows.add(new Poison(bad.name(), bad.field(), field(bad))));
        rows.add(new Poison("a field sent twice", "title", (user, id) -> {
            String once = RequestJson.of(user, id, Map.of());
            return utf8(once.substring(0, once.length() - 1) + ", \"title\": \"and again\"}");
        }));
        rows.add(new Poison("two JSON values", "", (user, id) -> utf8(RequestJson.of(user, id, Map.of()) + " {}")));
        rows.add(new Poison("no value (a tombstone)", "", (user, id) -> null));
        return rows;
    }

    private static BadRequests.Body field(BadField bad) {
        return (user, id) -> utf8(BadRequests.json(user, id, bad));
    }

    @BeforeAll
    void produceEveryPoisonRecordWithAValidRequestBehindIt() {
        topic = new RequestTopic();
        for (Poison bad : poisonRecords()) {
            String user = "user-" + UUID.randomUUID();
            users.put(bad.name(), user);
            sent.put(user, bad.body().render(user, true));
            topic.send(user, sent.get(user));
            // Same key, so the same partition: it waits for the poison record unless that is set aside.
            topic.send(user, utf8(RequestJson.of(user, true, Map.of())));
        }
        topic.flush();
    }

    @AfterAll
    void closeTopic() {
        topic.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poisonRecords")
    void goesToTheDeadLetterTopicAtOnceWithItsReasonAndTheRequestBehindItIsCreated(Poison bad) {
        String user = users.get(bad.name());
        ConsumerRecord<String, byte[]> deadLetter = await(bad.name() + " on the dead-letter topic")
                .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> deadLetter(user), Optional::isPresent)
                .orElseThrow();
        assertThat(deadLetter.value()).as("the record as it was sent").isEqualTo(sent.get(user));
        String reason = new String(deadLetter.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8);
        assertThat(reason).as("reason").isNotBlank().doesNotContain("\n").contains(bad.field());
        assertThat(deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
                .as("no stack trace of the writer's on a topic that other teams read").isNull();
        await("the valid request behind " + bad.name()).atMost(Duration.ofSeconds(20))
                .until(() -> storedLike(user) == 1);
        assertThat(jdbc.sql("select title from notification where user_id like ?").param(user + "%")
                .query(String.class).single()).as("only the valid request was stored").isEqualTo("Session booked");
    }

    @Test
    void aRequestDeliveredTwiceCreatesOneNotificationAndOneEvent() {
        String user = "user-" + UUID.randomUUID();
        String request = request(UUID.randomUUID().toString(), user, "\"Session booked\"");

        send(user, request);
        send(user, request);
        // Same key, so same partition: once the marker is processed, both copies before it have been.
        String marker = "user-" + UUID.randomUUID();
        send(user, request(UUID.randomUUID().toString(), marker, "\"after the repeat\""));

        await().atMost(Duration.ofSeconds(30)).until(() -> storedNotifications(marker) == 1);
        assertThat(storedNotifications(user)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(user) == 0);
        assertThat(TopicReader.recordsFor(user)).hasSize(1);
    }

    @Test
    void unparseableAndInvalidRecordsGoToTheDeadLetterTopicWithTheReasonAndConsumptionGoesOn() {
        double deadLetteredBefore = deadLettered();
        String user = "user-" + UUID.randomUUID();
        String notJson = "this is not json " + UUID.randomUUID();
        String badType = request(UUID.randomUUID().toString(), user, "\"t\"").replace("\"info\"", "\"urgent\"");
        String blankTitle = request(UUID.randomUUID().toString(), user, "\"   \"");
        String noRequestId = request("", user, "\"t\"");
        String firstBody = request("reused-" + UUID.randomUUID(), user, "\"first\"");
        String reusedId = firstBody.replace("\"first\"", "\"second\"");

        for (String value : List.of(notJson, badType, blankTitle, noRequestId, firstBody, reusedId)) {
            send(user, value);
        }
        // Same key, so same partition: once the marker is processed, every record before it has been.
        String marker = "user-" + UUID.randomUUID();
        send(user, request(UUID.randomUUID().toString(), marker, "\"after the poison\""));

        await().atMost(Duration.ofSeconds(30)).until(() -> storedNotifications(marker) == 1);
        assertThat(storedNotifications(user)).isEqualTo(1);
        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            TopicReader.deadLetters().stream().filter(r -> user.equals(r.key()))
                    .forEach(r -> reasons.put(new String(r.value(), StandardCharsets.UTF_8),
                            new String(r.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8)));
            return reasons.size() == 5;
        });
        assertThat(reasons.get(notJson)).startsWith("not a notification request");
        assertThat(reasons.get(badType)).contains("type");
        assertThat(reasons.get(blankTitle)).contains("title");
        assertThat(reasons.get(noRequestId)).contains("request_id");
        assertThat(reasons.get(reusedId)).contains("request_id");
        assertThat(deadLettered() - deadLetteredBefore).as("counted, for an operator to alert on").isGreaterThanOrEqualTo(5);
    }

    private double deadLettered() {
        Counter counter = meters.find("notifications.requests.dead.lettered").tag("kind", "permanent").counter();
        return counter == null ? 0 : counter.count();
    }

    private Optional<ConsumerRecord<String, byte[]>> deadLetter(String key) {
        if (deadLetters.stream().noneMatch(r -> key.equals(r.key()))) {
            deadLetters = TopicReader.deadLetters();
        }
        return deadLetters.stream().filter(r -> key.equals(r.key())).findFirst();
    }

    private long storedLike(String user) {
        return jdbc.sql("select count(*) from notification where user_id like ?").param(user + "%")
                .query(Long.class).single();
    }

    private static String request(String requestId, String user, String titleJson) {
        return RequestJson.of(user, false, Map.of("request_id", "\"" + requestId + "\"", "title", titleJson));
    }

    private void send(String key, String value) {
        topic.send(key, utf8(value));
        topic.flush();
    }
}
