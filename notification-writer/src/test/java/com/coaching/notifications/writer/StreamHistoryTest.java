package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.StreamEventPage;
import com.coaching.notifications.testsupport.TestTokens;
import com.coaching.notifications.writer.stream.StreamHistory;
import com.coaching.notifications.writer.stream.StreamHistoryProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The resume history, with a per-user limit of 5 events so that pruning is quick to reach. */
@TestPropertySource(properties = "notifications.history.max-per-user=5")
class StreamHistoryTest extends WriterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    StreamHistory history;

    @Autowired
    StreamHistoryProperties historyProperties;

    @Test
    void eventsAfterASeqComeInSeqOrderWithTheirSseNamesAndExactlyTheTopicJson() {
        String me = "user-" + UUID.randomUUID();
        String first = client.create(me, "a");
        client.create(me, "b");
        client.post("/api/notifications/" + first + "/read", TestTokens.user(me), "");
        client.delete("/api/notifications/" + first, TestTokens.user(me));

        HttpResponse response = client.get("/api/notifications/events?after=1", TestTokens.user(me));

        assertThat(response.status()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(page.get("last_seq").asLong()).isEqualTo(4);
        assertThat(page.get("has_more").asBoolean()).isFalse();
        List<Long> seqs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        page.get("events").forEach(e -> {
            seqs.add(e.get("seq").asLong());
            names.add(e.get("event").asString());
        });
        assertThat(seqs).containsExactly(2L, 3L, 4L);
        assertThat(names).containsExactly("notification", "notification.read", "notification.deleted");
        await().atMost(Duration.ofSeconds(10)).until(() -> TopicReader.recordsFor(me).size() == 4);
        List<ConsumerRecord<String, byte[]>> published = TopicReader.recordsFor(me);
        for (int i = 0; i < 3; i++) {
            assertThat(page.get("events").get(i).get("data")).isEqualTo(JSON.readTree(published.get(i + 1).value()));
        }
    }

    @Test
    void limitCutsThePageAndSaysThereIsMore() {
        String me = "user-" + UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            client.create(me, "n" + i);
        }

        JsonNode page = client.get("/api/notifications/events?after=0&limit=3", TestTokens.user(me)).json();

        assertThat(page.get("events")).hasSize(3);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(page.get("last_seq").asLong()).isEqualTo(4);
    }

    @Test
    void aCallerSeesOnlyTheirOwnEventsAndANewUserAnEmptyPage() {
        String other = "user-" + UUID.randomUUID();
        client.create(other, "not yours");

        JsonNode page = client.get("/api/notifications/events?after=0", TestTokens.user("user-" + UUID.randomUUID())).json();

        assertThat(page.get("events")).isEmpty();
        assertThat(page.get("last_seq").asLong()).isZero();
    }

    @Test
    void askingBehindThePrunedHistoryIsA410WithTheOldestKeptSeqNeverAGap() {
        String me = "user-" + UUID.randomUUID();
        for (int i = 0; i < 8; i++) {
            client.create(me, "n" + i);
        }
        assertThat(client.get("/api/notifications/events?after=0", TestTokens.user(me)).status()).isEqualTo(200);

        history.prune();

        HttpResponse gone = client.get("/api/notifications/events?after=0", TestTokens.user(me));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(gone.json().get("oldest_seq").asLong()).isEqualTo(4);
        HttpResponse stillThere = client.get("/api/notifications/events?after=3", TestTokens.user(me));
        assertThat(stillThere.status()).isEqualTo(200);
        assertThat(stillThere.json().get("events")).hasSize(5);
        assertThat(stillThere.json().get("oldest_seq").asLong()).as("read with the page").isEqualTo(4);
        HttpResponse upToDate = client.get("/api/notifications/events?after=8", TestTokens.user(me));
        assertThat(upToDate.status()).isEqualTo(200);
        assertThat(upToDate.json().get("events")).isEmpty();
    }

    @Test
    void eventsOlderThanTheRetentionArePrunedAndAskingBehindThemIsA410YoungerOnesAreKept() {
        String me = "user-" + UUID.randomUUID();
        // Four events, under max-per-user (5): whatever goes is gone by age, not by count.
        for (int i = 1; i <= 4; i++) {
            client.create(me, "n" + i);
        }
        Duration retention = historyProperties.retention();
        backdate(me, 1, retention.plusDays(1));
        backdate(me, 2, retention.plusMinutes(5));
        backdate(me, 3, retention.minusMinutes(5));

        history.prune();

        assertThat(historySeqs(me)).containsExactly(3L, 4L);
        for (long after : new long[] {0, 1}) {
            HttpResponse gone = client.get("/api/notifications/events?after=" + after, TestTokens.user(me));
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
            assertThat(gone.json().get("status").asInt()).isEqualTo(410);
            assertThat(gone.json().get("oldest_seq").asLong()).isEqualTo(3);
        }
        HttpResponse rest = client.get("/api/notifications/events?after=2", TestTokens.user(me));
        assertThat(rest.status()).isEqualTo(200);
        JsonNode page = rest.json();
        assertThat(page.get("last_seq").asLong()).isEqualTo(4);
        assertThat(page.get("has_more").asBoolean()).isFalse();
        List<Long> seqs = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        page.get("events").forEach(e -> {
            seqs.add(e.get("seq").asLong());
            titles.add(e.get("data").get("title").asString());
        });
        assertThat(seqs).containsExactly(3L, 4L);
        assertThat(titles).containsExactly("n3", "n4");
    }

    @Test
    void whenEveryEventOfAUserIsTooOldTheOldestSeqIsTheNextOneAndResumingFromTheLastSeqWorks() {
        String me = "user-" + UUID.randomUUID();
        client.create(me, "a");
        client.create(me, "b");
        backdate(me, 1, historyProperties.retention().plusMinutes(5));
        backdate(me, 2, historyProperties.retention().plusMinutes(5));

        history.prune();

        assertThat(historySeqs(me)).isEmpty();
        HttpResponse gone = client.get("/api/notifications/events?after=1", TestTokens.user(me));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().get("oldest_seq").asLong()).isEqualTo(3);
        JsonNode upToDate = client.get("/api/notifications/events?after=2", TestTokens.user(me)).json();
        assertThat(upToDate.get("events")).isEmpty();
        assertThat(upToDate.get("last_seq").asLong()).isEqualTo(2);
        assertThat(upToDate.get("oldest_seq").asLong()).as("the history holds nothing").isEqualTo(3);
    }

    @Test
    void anEventPastTheRetentionTakesTheUsersEarlierEventsWithItSoTheHistoryNeverHasAGap() {
        String me = "user-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            client.create(me, "n" + i);
        }
        // Replicas' clocks differ (or one is stepped back): a later seq can carry an earlier time than
        // the one before it. Here seq 2 is past the retention while seq 1, committed before it, is not.
        backdate(me, 1, historyProperties.retention().minusMinutes(5));
        backdate(me, 2, historyProperties.retention().plusMinutes(5));

        history.prune();

        HttpResponse fromTheStart = client.get("/api/notifications/events?after=0", TestTokens.user(me));
        assertThat(fromTheStart.status()).isEqualTo(410);
        assertThat(fromTheStart.json().get("oldest_seq").asLong()).isEqualTo(3);
        assertThat(historySeqs(me)).containsExactly(3L);
        JsonNode rest = client.get("/api/notifications/events?after=2", TestTokens.user(me)).json();
        assertThat(rest.get("events")).hasSize(1);
        assertThat(rest.get("events").get(0).get("seq").asLong()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} is a 400 problem naming the parameter")
    @ValueSource(strings = {"", "after=-1", "after=x", "after=0&limit=0",
            "after=0&limit=" + (StreamEventPage.MAX_LIMIT + 1),
            "after=0&max_bytes=" + (StreamEventPage.MIN_BUDGET_BYTES - 1),
            "after=0&max_bytes=" + (StreamEventPage.MAX_BUDGET_BYTES + 1), "after=0&max_bytes=x"})
    void badParametersAreA400ProblemNamingTheParameter(String query) {
        HttpResponse response = client.get("/api/notifications/events?" + query, TestTokens.user("user-" + UUID.randomUUID()));

        String named = query.contains("max_bytes") ? "max_bytes" : query.contains("limit") ? "limit" : "after";
        InboxApiTest.assertBadRequestNaming(response, named);
    }

    @Test
    void withoutATokenItIsA401() {
        assertThat(client.get("/api/notifications/events?after=0", null).status()).isEqualTo(401);
    }

    /** Moves one history row's created_at back, as if the event had happened that much earlier. */
    private void backdate(String userId, long seq, Duration by) {
        int updated = jdbc.sql("""
                        update stream_history set created_at = created_at - :seconds * interval '1 second'
                        where user_id = :user and seq = :seq
                        """)
                .param("seconds", by.toSeconds()).param("user", userId).param("seq", seq)
                .update();
        assertThat(updated).isEqualTo(1);
    }

    private List<Long> historySeqs(String userId) {
        return jdbc.sql("select seq from stream_history where user_id = :user order by seq")
                .param("user", userId).query(Long.class).list();
    }
}
