package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.StreamEvent;
import com.coaching.notifications.events.StreamEventPage;
import com.coaching.notifications.events.StreamSeq;
import com.coaching.notifications.testsupport.LargestNotification;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link StreamEvent#MAX_DATA_BYTES}, the bound a gateway sizes its buffers by, holds for the largest event
 * the writer's rules let through: every text at its limit in the characters JSON writes widest, metadata at
 * its limit. Each limit is shown to be the limit (one more is refused), so no larger event exists. The bound
 * must hold whatever {@code notifications.user-ids.pattern} says, so this writer takes any id the other rules
 * take.
 */
class LargestEventTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WriterInstance writer;
    private static WriterClient client;

    @BeforeAll
    static void startAWriterThatTakesAnyUserId() {
        writer = WriterInstance.start(TestPostgres.newDatabase(), TestKafka.bootstrapServers(),
                "notifications.user-ids.pattern=(?s).+");
        client = writer.client();
    }

    @AfterAll
    static void stopTheWriter() {
        writer.close();
    }

    /** The test's seq has one digit; a seq may have as many as {@link StreamSeq#MAX}. */
    private static final int MORE_SEQ_DIGITS = Long.toString(StreamSeq.MAX).length() - 1;
    /** {@code created_at} may carry a fraction of up to nine digits where this clock gave none. */
    private static final int MORE_TIME_DIGITS = 10;

    @Test
    void theLargestEventTheWriterAcceptsStaysWithinTheContractsBoundAndItsPageWithinTheLargestBody() {
        String user = LargestNotification.userId();
        HttpResponse created = client.post("/api/notifications", WriterClient.WRITE_TOKEN, LargestNotification.body(user));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> !TopicReader.recordsFor(user).isEmpty());
        List<ConsumerRecord<String, byte[]>> published = TopicReader.recordsFor(user);
        byte[] data = published.get(0).value();
        assertThat(data.length).as("the largest event really is near the bound").isGreaterThan(19_000);
        assertThat(data.length + MORE_SEQ_DIGITS + MORE_TIME_DIGITS).isLessThanOrEqualTo(StreamEvent.MAX_DATA_BYTES);

        HttpResponse page = client.get("/api/notifications/events?after=0&max_bytes=" + StreamEventPage.MIN_BUDGET_BYTES,
                TestTokens.user(user));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("events")).hasSize(1);
        assertThat(page.json().get("events").get(0).get("data")).isEqualTo(JSON.readTree(data));
        int framing = page.body().getBytes(StandardCharsets.UTF_8).length - data.length;
        assertThat(framing + MORE_SEQ_DIGITS * 3).as("a page around its one event")
                .isLessThanOrEqualTo(StreamEventPage.PAGE_FRAMING_BYTES + StreamEventPage.EVENT_FRAMING_BYTES);
    }

    static Stream<Arguments> oneOverALimit() {
        String user = "user-" + UUID.randomUUID();
        int title = LargestNotification.TITLE_CHARS;
        int message = LargestNotification.MESSAGE_CHARS;
        int metadata = LargestNotification.METADATA_BYTES;
        return Stream.of(
                Arguments.of("user_id", LargestNotification.body(LargestNotification.userId() + "\u0001", title, message, metadata)),
                Arguments.of("title", LargestNotification.body(user, title + 1, message, metadata)),
                Arguments.of("message", LargestNotification.body(user, title, message + 1, metadata)),
                Arguments.of("metadata", LargestNotification.body(user, title, message, metadata + 1)));
    }

    @ParameterizedTest(name = "{0} one over its limit is refused")
    @MethodSource("oneOverALimit")
    void oneMoreThanALimitIsRefused(String field, String body) {
        InboxApiTest.assertBadRequestNaming(client.post("/api/notifications", WriterClient.WRITE_TOKEN, body), field);
    }
}
