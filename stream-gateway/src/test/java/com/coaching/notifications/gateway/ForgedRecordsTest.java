package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.Topics;
import com.coaching.notifications.testsupport.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Records on the event topic that break the contract (as a buggy or hostile producer could write them)
 * reach no connection and cannot make a stream swallow the events after them: each is skipped and counted
 * in {@code sse.events.skipped} by reason, and a valid event produced after it still arrives.
 */
class ForgedRecordsTest extends GatewayIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    /** A record for {@code user} that breaks one rule, from the user and a valid event of seq 5. */
    private interface Forgery extends BiFunction<String, NotificationCreated, ProducerRecord<String, byte[]>> {
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                forgery("seq 0", "invalid_seq", (user, event) -> withSeq(record(user, event), "0")),
                forgery("seq 2^53", "invalid_seq", (user, event) -> withSeq(record(user, event), "9007199254740992")),
                forgery("no seq", "invalid_seq", (user, event) -> {
                    ProducerRecord<String, byte[]> record = record(user, event);
                    record.headers().remove(CloudEventHeaders.SEQ);
                    return record;
                }),
                forgery("seq not a number", "invalid_seq", (user, event) -> withSeq(record(user, event), "5x")),
                forgery("seq with a sign", "invalid_seq", (user, event) -> withSeq(record(user, event), "+5")),
                forgery("a JSON array", "invalid_json", (user, event) -> withValue(record(user, event), "[]")),
                forgery("not JSON", "invalid_json", (user, event) -> withValue(record(user, event), "not json")),
                forgery("truncated JSON", "invalid_json", (user, event) ->
                        withValue(record(user, event), "{\"user_id\":\"" + user + "\",\"seq\":5,\"title\":\"cut")),
                forgery("two JSON values", "invalid_json", (user, event) ->
                        withValue(record(user, event), "{\"user_id\":\"" + user + "\",\"seq\":5}{}")),
                forgery("another user's event", "user_mismatch", (user, event) ->
                        record(user, notification(newUserId(), 5, "Not yours"))),
                forgery("no user_id", "user_mismatch", (user, event) -> withValue(record(user, event), "{\"seq\":5}")),
                forgery("user_id repeated with another user", "user_mismatch", (user, event) ->
                        withValue(record(user, event), "{\"user_id\":\"" + user + "\",\"seq\":5,\"user_id\":\"other\"}")),
                forgery("seq in the data other than ce_seq", "seq_mismatch", (user, event) ->
                        withSeq(record(user, notification(user, 6, "Six, says the data")), "5")),
                forgery("seq in the data not a number", "seq_mismatch", (user, event) ->
                        withValue(record(user, event), "{\"user_id\":\"" + user + "\",\"seq\":\"5\"}")));
    }

    private static Arguments forgery(String what, String reason, Forgery forgery) {
        return Arguments.of(what, reason, forgery);
    }

    @ParameterizedTest(name = "{0}: reaches nobody, counted as {1}")
    @MethodSource("forgeries")
    void aRecordThatBreaksTheContractReachesNobodyAndTheNextValidEventArrives(String what, String reason,
            Forgery forgery) {
        String userId = newUserId();
        double skipped = skipped(reason);
        try (SseClient client = connected(userId)) {
            send(forgery.apply(userId, notification(userId, 5, "Forged")));
            NotificationCreated valid = notification(userId, 1, "Valid");
            publish(valid);

            SseClient.Frame frame = client.awaitEvent("notification", TIMEOUT);

            assertThat(frame.id()).isEqualTo("1");
            assertThat(frame.data()).contains(valid.id().toString());
            assertThat(client.received()).filteredOn(f -> f.id() != null).hasSize(1);
        }
        await().atMost(TIMEOUT).until(() -> skipped(reason) == skipped + 1);
    }

    /** The record exactly as the writer's relay produces it for the event. */
    private static ProducerRecord<String, byte[]> record(String user, NotificationCreated event) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), NotificationCreated.EVENT_TYPE,
                "/notification-writer", Instant.now(), event.userId(), event.seq(), EventJson.toBytes(event));
        ProducerRecord<String, byte[]> record = envelope.toRecord(Topics.EVENTS);
        return new ProducerRecord<>(record.topic(), null, record.timestamp(), user, record.value(), record.headers());
    }

    private static ProducerRecord<String, byte[]> withSeq(ProducerRecord<String, byte[]> record, String seq) {
        record.headers().remove(CloudEventHeaders.SEQ);
        record.headers().add(CloudEventHeaders.SEQ, seq.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, String value) {
        return new ProducerRecord<>(record.topic(), null, record.timestamp(), record.key(),
                value.getBytes(StandardCharsets.UTF_8), record.headers());
    }

    private double skipped(String reason) {
        var counter = meters.find("sse.events.skipped").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
