package com.coaching.notifications.gateway;

import static com.coaching.notifications.gateway.WriterStub.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.StreamEventPage;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lossless resume: a client that comes back with its last seq gets what it missed from the writer's
 * history, then the live events, each once and in seq order; a gap in the live events is filled the same
 * way. The writer is a stub over real HTTP; Kafka and tokens are real.
 */
class StreamResumeTest extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WriterStub writer = WriterStub.shared();
    private final Map<Long, NotificationCreated> events = new ConcurrentHashMap<>();
    private String userId;
    private String token;
    private WebTestClient http;

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void newUser() {
        userId = newUserId();
        token = TestTokens.user(userId);
        http = WebTestClient.bindToServer().baseUrl(baseUrl()).build();
    }

    @Test
    void resumeGetsTheMissedEventsFromTheWriterThenTheLiveOnesEachOnceInSeqOrder() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        writer.answer(userId, request -> Mono.fromFuture(release).thenReturn(page(seqs(3, 5), 5, false)));
        double reconnections = reconnections();

        try (SseClient observer = SseClient.connect(streamUrl(), token);
             SseClient resumed = SseClient.connect(streamUrl(), Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + token,
                     "Last-Event-ID", "2"))) {
            observer.awaitEvent("connected", TIMEOUT);
            SseClient.Frame connected = resumed.awaitEvent("connected", TIMEOUT);
            await().atMost(TIMEOUT).until(() -> writer.requests(userId).size() == 1);

            // While the history request is open, 4 and 5 (also in the history) and 6 arrive live.
            Stream.of(4L, 5L, 6L).forEach(seq -> publish(event(seq)));
            observer.await(frame -> "6".equals(frame.id()), TIMEOUT);
            release.complete(null);

            resumed.await(frame -> "6".equals(frame.id()), TIMEOUT);
            assertThat(notifications(resumed)).extracting(SseClient.Frame::id).containsExactly("3", "4", "5", "6");
            assertThat(JSON.readTree(notifications(resumed).get(0).data()).get("id").asString())
                    .isEqualTo(event(3).id().toString());
            assertThat(connected.id()).as("frames without a seq carry no id").isNull();
        }
        WriterStub.Request asked = writer.requests(userId).get(0);
        assertThat(asked.after()).isEqualTo(2);
        assertThat(asked.authorization()).as("the user's own credential").isEqualTo("Bearer " + token);
        assertThat(reconnections()).isGreaterThan(reconnections);
    }

    @Test
    void resumeByQueryParameterReadsEveryPageOfTheHistory() {
        writer.answer(userId, request -> Mono.just(switch ((int) request.after()) {
            case 0 -> page(seqs(1, 2), 5, true);
            case 2 -> page(seqs(3, 4), 5, true);
            default -> page(seqs(5, 5), 5, false);
        }));

        try (SseClient resumed = SseClient.connect(streamUrl() + "?lastEventId=0", token)) {
            resumed.await(frame -> "5".equals(frame.id()), TIMEOUT);

            assertThat(notifications(resumed)).extracting(SseClient.Frame::id).containsExactly("1", "2", "3", "4", "5");
        }
        assertThat(writer.requests(userId)).extracting(WriterStub.Request::after).containsExactly(0L, 2L, 4L);
        assertThat(writer.requests(userId)).extracting(WriterStub.Request::limit).containsOnly(500);
        assertThat(writer.requests(userId)).as("the documented default byte budget")
                .extracting(WriterStub.Request::maxBytes).containsOnly(131_072);
    }

    @ParameterizedTest(name = "a page {0} byte(s) over the largest a writer sends for the budget is streamed: {1}")
    @CsvSource({"0, true", "1, false"})
    void aPageUpToTheLargestAWriterSendsForTheBudgetIsStreamedALargerOneIsNotBuffered(int over, boolean streamed) {
        int bytes = StreamEventPage.largestBody(131_072) + over;
        WriterStub.Answer page = pageOfSize(bytes);
        long last = JSON.readTree(page.body()).get("last_seq").asLong();
        writer.answer(userId, request -> Mono.just(page));

        try (SseClient resumed = SseClient.connect(streamUrl() + "?lastEventId=0", token)) {
            if (streamed) {
                resumed.await(frame -> Long.toString(last).equals(frame.id()), TIMEOUT);
                assertThat(notifications(resumed)).extracting(SseClient.Frame::id)
                        .containsExactlyElementsOf(seqs(1, last).stream().map(String::valueOf).toList());
            } else {
                await().atMost(TIMEOUT).until(resumed::ended);
                assertThat(resumed.received()).last().satisfies(frame -> assertThat(frame.retry()).isNotNull());
                assertThat(notifications(resumed)).isEmpty();
            }
        }
    }

    @Test
    void aCaughtUpEventCarriesTheSameDataAsTheLiveOneByteForByte() {
        // Valid JSON that no serialiser of ours writes (an escape beside the same letter unescaped, members out of
        // their usual order, 1.0 and 1E2, spaces): the writer's history keeps the topic's bytes as they are.
        byte[] data = ("{ \"seq\" : 1, \"title\":\"Caf\\u00e9 or café\", \"user_id\":\"" + userId + "\","
                + " \"score\":1.0, \"big\":1E2, \"metadata\":{\"z\":[ ], \"a\":null} }")
                .getBytes(StandardCharsets.UTF_8);
        writer.answer(userId, request -> Mono.just(WriterStub.page(seqs(1, 1), seq -> data, 1, false)));

        try (SseClient live = connected(userId)) {
            publish(event(1), data);
            SseClient.Frame fromTopic = live.awaitEvent("notification", TIMEOUT);

            try (SseClient resumed = SseClient.connect(streamUrl() + "?lastEventId=0", token)) {
                SseClient.Frame fromHistory = resumed.awaitEvent("notification", TIMEOUT);

                // Both are read as UTF-8: the same text is the same bytes.
                assertThat(fromHistory.data()).isEqualTo(fromTopic.data())
                        .isEqualTo(new String(data, StandardCharsets.UTF_8));
                assertThat(fromHistory.id()).isEqualTo(fromTopic.id()).isEqualTo("1");
            }
        }
        assertThat(writer.requests(userId)).extracting(WriterStub.Request::after).containsExactly(0L);
    }

    @Test
    void gapInTheLiveSeqsIsFilledFromTheWriterBeforeLaterEvents() {
        writer.answer(userId, request -> Mono.just(page(seqs(request.after() + 1, 3), 3, false)));

        try (SseClient client = connected(userId)) {
            publish(event(1));
            client.await(frame -> "1".equals(frame.id()), TIMEOUT);
            assertThat(writer.requests(userId)).isEmpty();

            publish(event(3));
            publish(event(4));
            client.await(frame -> "4".equals(frame.id()), TIMEOUT);

            assertThat(notifications(client)).extracting(SseClient.Frame::id).containsExactly("1", "2", "3", "4");
        }
        assertThat(writer.requests(userId)).extracting(WriterStub.Request::after).containsExactly(1L);
    }

    @Test
    void prunedHistorySendsResetWithTheOldestSeqThenContinuesLive() {
        writer.answer(userId, request -> Mono.just(WriterStub.gone(50)));

        try (SseClient resumed = SseClient.connect(streamUrl(), Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + token,
                "Last-Event-ID", "2"))) {
            SseClient.Frame reset = resumed.awaitEvent("reset", TIMEOUT);
            assertThat(JSON.readTree(reset.data()).get("oldest_seq").asLong()).isEqualTo(50);
            assertThat(JSON.readTree(reset.data()).get("reason").asString()).isEqualTo("pruned");
            assertThat(reset.id()).isNull();

            publish(event(60));
            assertThat(resumed.awaitEvent("notification", TIMEOUT).id()).isEqualTo("60");
        }
    }

    @Test
    void anIdAheadOfTheUsersSeqIsNotTrustedTheStreamSendsResetThenTheNextNotification() {
        // A restored database, or a client bug: the user's seq is 5, the client claims 100.
        writer.answer(userId, request -> Mono.just(page(List.of(), 5, false)));
        double ahead = catchUps("ahead");

        try (SseClient resumed = SseClient.connect(streamUrl(), Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + token,
                "Last-Event-ID", "100"))) {
            SseClient.Frame reset = resumed.awaitEvent("reset", TIMEOUT);
            assertThat(JSON.readTree(reset.data()).get("reason").asString()).isEqualTo("ahead");
            assertThat(JSON.readTree(reset.data()).get("last_seq").asLong()).isEqualTo(5);
            assertThat(JSON.readTree(reset.data()).get("oldest_seq").asLong()).isEqualTo(1);
            assertThat(reset.id()).isNull();

            publish(event(6));
            assertThat(resumed.awaitEvent("notification", TIMEOUT).id()).isEqualTo("6");
        }
        assertThat(catchUps("ahead")).isGreaterThan(ahead);
    }

    static Stream<Arguments> unavailableWriters() {
        return Stream.of(
                Arguments.of("drops the connection", WriterStub.dropConnection()),
                Arguments.of("answers 503", WriterStub.status(503)));
    }

    @ParameterizedTest(name = "writer that {0}: stream ends with a retry delay instead of skipping the missed events")
    @MethodSource("unavailableWriters")
    void unavailableWriterEndsTheStreamWithRetry(String why, WriterStub.Answer answer) {
        writer.answer(userId, request -> Mono.just(answer));

        try (SseClient resumed = SseClient.connect(streamUrl(), Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + token,
                "Last-Event-ID", "2"))) {
            resumed.awaitEvent("connected", TIMEOUT);

            await().atMost(TIMEOUT).until(resumed::ended);
            assertThat(resumed.received()).last().satisfies(frame -> assertThat(frame.retry()).isNotNull());
            assertThat(notifications(resumed)).isEmpty();
        }
        await().atMost(TIMEOUT).until(() -> registry.connections(userId).size() == 0);
    }

    @Test
    void writerRefusingTheCredentialEndsTheStreamWithReauthenticate() {
        writer.answer(userId, request -> Mono.just(WriterStub.status(401)));

        try (SseClient resumed = SseClient.connect(streamUrl(), Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + token,
                "Last-Event-ID", "2"))) {
            resumed.awaitEvent("reauthenticate", TIMEOUT);

            await().atMost(TIMEOUT).until(resumed::ended);
        }
    }

    @ParameterizedTest(name = "Last-Event-ID ''{0}'' is rejected with 400 problem details")
    @ValueSource(strings = {"abc", "-1", "1.5", "1e3", "0x10", "9007199254740992", "123456789012345678901234567890"})
    void lastEventIdThatIsNotASeqIsRejectedWith400(String lastEventId) {
        http.get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Last-Event-ID", lastEventId)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("Last-Event-ID"));
        assertThat(writer.requests(userId)).isEmpty();
    }

    @Test
    void lastEventIdQueryParameterThatIsNotASeqIsRejectedWith400() {
        http.get().uri("/api/notifications/stream?lastEventId=soon").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("lastEventId"));
    }

    private WriterStub.Answer page(List<Long> seqs, long lastSeq, boolean hasMore) {
        return WriterStub.page(seqs, seq -> EventJson.toBytes(event(seq)), lastSeq, hasMore);
    }

    /**
     * A page of exactly {@code bytes} bytes of events 1, 2, ... (each under the largest size), as a writer could
     * answer for a budget.
     */
    private WriterStub.Answer pageOfSize(int bytes) {
        int padding = 15_000;
        List<String> events = new ArrayList<>();
        for (long seq = 1; ; seq++) {
            List<String> candidate = new ArrayList<>(events);
            candidate.add(historyEvent(seq, ""));
            int left = bytes - pageBody(candidate, seq).length();
            if (left <= padding) {
                events.add(historyEvent(seq, "x".repeat(left)));
                String body = pageBody(events, seq);
                assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
                return new WriterStub.Answer(200, "application/json", body);
            }
            events.add(historyEvent(seq, "x".repeat(padding)));
        }
    }

    private String historyEvent(long seq, String titlePadding) {
        byte[] data = EventJson.toBytes(notification(userId, seq, "Number " + seq + titlePadding));
        return "{\"seq\":" + seq + ",\"event\":\"notification\",\"data\":" + new String(data, StandardCharsets.UTF_8) + "}";
    }

    private static String pageBody(List<String> events, long lastSeq) {
        return "{\"events\":[" + String.join(",", events) + "],\"last_seq\":" + lastSeq
                + ",\"has_more\":false,\"oldest_seq\":1}";
    }

    private NotificationCreated event(long seq) {
        return events.computeIfAbsent(seq, s -> notification(userId, s, "Number " + s));
    }

    private static List<SseClient.Frame> notifications(SseClient client) {
        return client.received().stream().filter(frame -> "notification".equals(frame.event())).toList();
    }

    private double catchUps(String outcome) {
        var counter = meters.find("sse.catchups").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double reconnections() {
        var counter = meters.find("sse.reconnections").counter();
        return counter == null ? 0 : counter.count();
    }
}
