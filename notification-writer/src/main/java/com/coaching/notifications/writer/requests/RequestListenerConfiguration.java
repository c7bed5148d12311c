package com.coaching.notifications.writer.requests;

import com.coaching.notifications.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The listener container for {@link Topics#REQUESTS}. Values are read as raw bytes, so a record that
 * is not JSON reaches the listener (which rejects it) instead of failing in the consumer, and goes to
 * the dead-letter topic byte for byte, with the reason in {@link Topics#DLT_REASON_HEADER}.
 * {@link RequestFailures} decides for every failure whether the record goes there at once, is retried
 * for as long as an outage lasts (the partition waits, nothing is skipped), or is retried a few times.
 */
@Configuration(proxyBeanMethods = false)
public class RequestListenerConfiguration {

    public static final String CONTAINER_FACTORY = "notificationRequestContainerFactory";

    private static final Duration AUTHORIZATION_RETRY_INTERVAL = Duration.ofSeconds(10);
    private static final Duration METADATA_MAX_AGE = Duration.ofSeconds(30);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> notificationRequestContainerFactory(
            KafkaProperties kafka, RequestsProperties properties, RequestFailures failures,
            KafkaTemplate<String, byte[]> outboxKafkaTemplate, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        // A new group starts at the beginning: requests sent before the writer first ran are not skipped.
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A topic the writer was refused stays out of its group's assignment until the client next refreshes
        // its metadata: every 30 s rather than Kafka's 5 minutes, so a late grant takes effect soon.
        config.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) METADATA_MAX_AGE.toMillis());
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        // A refusal by the cluster's ACLs (grants applied after the writer started) is retried: by default
        // the container stops for good, and requests would wait unread while the writer looks healthy.
        factory.getContainerProperties().setAuthExceptionRetryInterval(AUTHORIZATION_RETRY_INTERVAL);
        // A span per record, continuing the producer's traceparent, so the notification's event joins its trace.
        factory.getContainerProperties().setObservationEnabled(true);

        // Partition -1: let the producer choose, whatever the partition count of the dead-letter topic.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(outboxKafkaTemplate,
                (record, e) -> new TopicPartition(Topics.REQUESTS_DLT, -1));
        deadLetters.setHeadersFunction((record, e) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.DLT_REASON_HEADER, RequestFailures.reason(e).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        // Counted by kind: "unexpected" ones were set aside by a bug and are worth replaying once it is fixed.
        Map<RequestFailures.Kind, Counter> deadLettered = new EnumMap<>(RequestFailures.Kind.class);
        for (RequestFailures.Kind kind : RequestFailures.Kind.values()) {
            deadLettered.put(kind, Counter.builder("notifications.requests.dead.lettered")
                    .description("Request records set aside on the dead-letter topic")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
        ConsumerRecordRecoverer recoverer = (record, e) -> {
            deadLetters.accept(record, e);
            deadLettered.get(failures.classify(e)).increment();
        };
        // The function below gives every failure its back-off. The handler's own must allow retries all
        // the same: with one that allows none, the handler never asks the function.
        DefaultErrorHandler errors = new DefaultErrorHandler(recoverer, failures.backOff(RequestFailures.Kind.UNEXPECTED));
        // No exception types of Spring's own that skip the back-off function: RequestFailures decides alone.
        errors.setClassifications(Map.of(), true);
        // Asked again whenever a record fails differently (the database going down during its retries).
        errors.setBackOffFunction(failures::backOff);
        // The records behind a failed one stay in memory instead of being fetched again after a seek: the
        // consumer's next fetch would first wait out the one in flight (fetch.max.wait.ms, 500 ms), which
        // every record set aside paid.
        errors.setSeekAfterError(false);
        factory.setCommonErrorHandler(errors);
        // Stops in the phase of the web server's graceful shutdown, so that on SIGTERM both sources of
        // requests stop at once (the listener after the records of its current poll); the outbox relay
        // drains in the phase below, once neither can commit any more.
        factory.setPhase(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
        return factory;
    }
}
