package com.coaching.notifications.writer;

import static com.coaching.notifications.writer.RequestJson.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationRequest;
import com.coaching.notifications.events.Topics;
import com.coaching.notifications.writer.requests.NotificationRequests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The request topic is the high-volume way to ask for notifications: what a service sends together the
 * writer creates together, in one transaction per poll, without giving up any rule of one request at a
 * time: each user's requests keep their order, a bad record is set aside alone, and a request id
 * creates at most one notification however often, and by however many writers, it is delivered.
 */
class RequestBatchTest extends WriterIntegrationTest {

    private static final int USERS = 3;
    private static final int PER_USER = 100;

    @Autowired
    private NotificationRequests requests;

    @Test
    void requestsSentTogetherAreCreatedTogetherEachUsersInTheOrderSentAndABadOneIsSetAsideAlone() {
        List<String> users = IntStream.range(0, USERS).mapToObj(i -> "batch-" + UUID.randomUUID()).toList();
        List<String> poison = new ArrayList<>();
        try (RequestTopic topic = RequestTopic.lingering(Duration.ofSeconds(5))) {
            for (int n = 0; n < PER_USER; n++) {
                for (String user : users) {
                    topic.send(user, utf8(titled(user, "n" + n)));
                    if (n % 40 == 20) {
                        // Among the others, on the same partition: it must hold up none of them.
                        String bad = titled(user, "   ");
                        poison.add(bad);
                        topic.send(user, utf8(bad));
                    }
                }
            }
            topic.flush();
        }

        await("every valid request created").atMost(Duration.ofSeconds(60))
                .until(() -> users.stream().mapToLong(this::storedNotifications).sum() == USERS * PER_USER);
        List<String> expectedTitles = IntStream.range(0, PER_USER).mapToObj(n -> "n" + n).toList();
        for (String user : users) {
            assertThat(jdbc.sql("select title from notification where user_id = ? order by seq").param(user)
                    .query(String.class).list()).as("%s's notifications in seq order", user)
                    .containsExactlyElementsOf(expectedTitles);
            assertThat(jdbc.sql("select seq from notification where user_id = ? order by seq").param(user)
                    .query(Long.class).list()).as("%s's seqs", user)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, PER_USER).boxed().toList());
        }
        long creationTimes = jdbc.sql("select count(distinct created_at) from notification where user_id in (?, ?, ?)")
                .params(users.toArray()).query(Long.class).single();
        assertThat(creationTimes).as("transactions that created the %d requests sent at once (each stamps one time)",
                USERS * PER_USER).isLessThanOrEqualTo(10);

        await("every event on the topic").atMost(Duration.ofSeconds(30))
                .until(() -> users.stream().allMatch(user -> TopicReader.recordsFor(user).size() >= PER_USER));
        for (String user : users) {
            assertThat(TopicReader.recordsFor(user).stream()
                    .map(r -> Long.parseLong(EventEnvelope.header(r.headers(), CloudEventHeaders.SEQ))).toList())
                    .as("%s's events: each seq once, in order", user)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, PER_USER).boxed().toList());
        }
        await("the bad records on the dead-letter topic").atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterValues(users).containsAll(poison));
        assertThat(deadLetterValues(users)).as("set aside, each once").hasSameSizeAs(poison);
    }

    @Test
    void aRequestIdRepeatedInOneBatchCreatesOneNotificationAndOneReusedForAnotherRequestIsSetAside() {
        String user = "batch-" + UUID.randomUUID();
        String first = request("repeated-" + UUID.randomUUID(), user, "first");
        String reusedId = "reused-" + UUID.randomUUID();
        String original = request(reusedId, user, "original");
        String impostor = request(reusedId, user, "impostor");
        String last = request(UUID.randomUUID().toString(), user, "last");
        try (RequestTopic topic = RequestTopic.lingering(Duration.ofSeconds(5))) {
            for (String value : List.of(first, original, first, impostor, first, last)) {
                topic.send(user, utf8(value));
            }
            topic.flush();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> storedNotifications(user) == 3);
        assertThat(jdbc.sql("select title from notification where user_id = ? order by seq").param(user)
                .query(String.class).list()).containsExactly("first", "original", "last");
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterValues(List.of(user)).contains(impostor));
        ConsumerRecord<String, byte[]> deadLetter = TopicReader.deadLetters().stream()
                .filter(r -> user.equals(r.key())).findFirst().orElseThrow();
        assertThat(new String(deadLetter.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("request_id: already used for a different request");
        assertThat(deadLetterValues(List.of(user))).containsExactly(impostor);
    }

    @Test
    void aRequestTheDatabaseRefusesIsSetAsideAloneAndTheOthersOfItsBatchAreCreated() {
        String user = "batch-" + UUID.randomUUID();
        // What no validation rule foresees: a row the database itself refuses, as data (SQLSTATE class 22) or
        // for a reason nobody classified (a bug, retried a few times first).
        jdbc.sql("""
                create or replace function refuse_marked_titles() returns trigger language plpgsql as $$
                begin
                    if new.title = 'refused as data' then
                        raise exception 'refused as data' using errcode = '22023';
                    elsif new.title = 'refused for no known reason' then
                        raise exception 'refused for no known reason';
                    end if;
                    return new;
                end $$""").update();
        jdbc.sql("create trigger refuse_marked_titles before insert on notification for each row execute function refuse_marked_titles()")
                .update();
        try {
            List<String> titles = List.of("before", "refused as data", "between", "refused for no known reason", "after");
            List<String> values = titles.stream().map(title -> titled(user, title)).toList();
            try (RequestTopic topic = RequestTopic.lingering(Duration.ofSeconds(5))) {
                values.forEach(value -> topic.send(user, utf8(value)));
                topic.flush();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> storedNotifications(user) == 3);
            assertThat(jdbc.sql("select title from notification where user_id = ? order by seq").param(user)
                    .query(String.class).list()).containsExactly("before", "between", "after");
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterValues(List.of(user)).size() == 2);
            assertThat(deadLetterValues(List.of(user))).containsExactly(values.get(1), values.get(3));
        } finally {
            jdbc.sql("drop trigger refuse_marked_titles on notification").update();
        }
    }

    @Test
    void twoWritersGivenTheSameRequestsAtOnceCreateEachOnceInTheOrderOfEither() {
        String user = "batch-" + UUID.randomUUID();
        List<NotificationRequest> sent = IntStream.range(0, 200)
                .mapToObj(n -> EventJson.fromBytes(utf8(request(UUID.randomUUID().toString(), user + (n % 4), "n" + n)),
                        NotificationRequest.class))
                .toList();
        // A rebalance hands a partition to another writer while the first is still creating its records: both
        // then create overlapping requests at once, here the same ones in other orders across users.
        List<NotificationRequest> shuffled = new ArrayList<>(sent);
        Collections.shuffle(shuffled, new Random(7));
        List<NotificationRequest> interleavedOtherwise = perUserOrderKept(shuffled, sent);
        CompletableFuture<List<Optional<String>>> one = CompletableFuture.supplyAsync(() -> requests.createAll(sent, untraced(sent)));
        CompletableFuture<List<Optional<String>>> other =
                CompletableFuture.supplyAsync(() -> requests.createAll(interleavedOtherwise, untraced(sent)));

        assertThat(one.join()).as("rejections").allMatch(Optional::isEmpty);
        assertThat(other.join()).as("rejections").allMatch(Optional::isEmpty);

        for (int u = 0; u < 4; u++) {
            String userId = user + u;
            List<String> expected = sent.stream().filter(r -> r.userId().equals(userId)).map(NotificationRequest::title).toList();
            assertThat(jdbc.sql("select title from notification where user_id = ? order by seq").param(userId)
                    .query(String.class).list()).as("%s: each request once, in the order sent", userId)
                    .containsExactlyElementsOf(expected);
        }
    }

    private static List<String> untraced(List<?> requests) {
        return Collections.nCopies(requests.size(), null);
    }

    /** The users' requests interleaved differently, each user's own still in the order sent. */
    private static List<NotificationRequest> perUserOrderKept(List<NotificationRequest> shuffled, List<NotificationRequest> sent) {
        Map<String, List<NotificationRequest>> byUser = new HashMap<>();
        sent.forEach(r -> byUser.computeIfAbsent(r.userId(), u -> new ArrayList<>()).add(r));
        Map<String, Integer> next = new HashMap<>();
        return shuffled.stream().map(r -> {
            int i = next.merge(r.userId(), 1, Integer::sum) - 1;
            return byUser.get(r.userId()).get(i);
        }).toList();
    }

    private static List<String> deadLetterValues(List<String> users) {
        return TopicReader.deadLetters().stream().filter(r -> users.contains(r.key()))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private static String titled(String user, String title) {
        return request(UUID.randomUUID().toString(), user, title);
    }

    private static String request(String requestId, String user, String title) {
        return RequestJson.of(user, false, Map.of("request_id", "\"" + requestId + "\"", "title", "\"" + title + "\""));
    }
}
