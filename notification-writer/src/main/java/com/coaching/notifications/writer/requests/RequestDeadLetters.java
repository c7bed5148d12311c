package com.coaching.notifications.writer.requests;

import com.coaching.notifications.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sets request records aside on {@link Topics#REQUESTS_DLT}, byte for byte, with the reason in
 * {@link Topics#DLT_REASON_HEADER}, and counts them by {@link RequestFailures.Kind}: the listener's
 * rejections of bad data, and the error handler's records that failed every retry. Waits for the
 * broker's acknowledgement, so a record's offset is committed only once it is set aside.
 */
@Component
public class RequestDeadLetters implements ConsumerRecordRecoverer {

    private final DeadLetterPublishingRecoverer publisher;
    private final RequestFailures failures;
    private final Map<RequestFailures.Kind, Counter> deadLettered = new EnumMap<>(RequestFailures.Kind.class);

    public RequestDeadLetters(KafkaTemplate<String, byte[]> outboxKafkaTemplate, RequestFailures failures,
                              MeterRegistry meters) {
        this.failures = failures;
        // Partition -1: let the producer choose, whatever the partition count of the dead-letter topic.
        publisher = new DeadLetterPublishingRecoverer(outboxKafkaTemplate,
                (record, e) -> new TopicPartition(Topics.REQUESTS_DLT, -1));
        // The reason header says what is wrong; the writer's stack trace is no business of the teams reading this.
        publisher.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        publisher.setHeadersFunction((record, e) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.DLT_REASON_HEADER, RequestFailures.reason(e).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        // Counted by kind: "unexpected" ones were set aside by a bug and are worth replaying once it is fixed.
        for (RequestFailures.Kind kind : RequestFailures.Kind.values()) {
            deadLettered.put(kind, Counter.builder("notifications.requests.dead.lettered")
                    .description("Request records set aside on the dead-letter topic")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    /** Sets aside a record that can never be processed, for this reason. */
    void reject(ConsumerRecord<?, ?> record, String reason) {
        accept(record, new RejectedRequestException(reason));
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception failure) {
        publisher.accept(record, failure);
        deadLettered.get(failures.classify(failure)).increment();
    }
}
