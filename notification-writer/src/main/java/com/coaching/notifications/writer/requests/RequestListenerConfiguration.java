package com.coaching.notifications.writer.requests;

import com.coaching.notifications.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The listener container for {@link Topics#REQUESTS}, a batch listener. Values are read as raw bytes, so
 * a record that is not JSON reaches the listener (which rejects it) instead of failing in the consumer.
 * When the listener names the record a batch failed at, {@link RequestFailures} decides whether it goes to
 * the dead-letter topic ({@link RequestDeadLetters}) at once, is retried for as long as an outage lasts
 * (the partition waits, nothing is skipped), or is retried a few times; the records before it are
 * committed, those behind it delivered again.
 */
@Configuration(proxyBeanMethods = false)
public class RequestListenerConfiguration {

    public static final String CONTAINER_FACTORY = "notificationRequestContainerFactory";

    private static final Duration AUTHORIZATION_RETRY_INTERVAL = Duration.ofSeconds(10);
    private static final Duration METADATA_MAX_AGE = Duration.ofSeconds(30);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> notificationRequestContainerFactory(
            KafkaProperties kafka, RequestsProperties properties, RequestFailures failures,
            RequestDeadLetters deadLetters) {
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
        // Each poll's records are created in one transaction; offsets are committed after it.
        factory.setBatchListener(true);
        // A partition is read by one consumer at a time, so a user's requests (one key) keep their order.
        factory.setConcurrency(properties.concurrency());
        // A refusal by the cluster's ACLs (grants applied after the writer started) is retried: by default
        // the container stops for good, and requests would wait unread while the writer looks healthy.
        factory.getContainerProperties().setAuthExceptionRetryInterval(AUTHORIZATION_RETRY_INTERVAL);
        // No observation: spring-kafka observes record listeners only. A record's traceparent goes on through
        // its own event instead (NotificationRequestListener), and the listener timer keeps counting batches.

        // The function below gives every failure its back-off. The handler's own must allow retries all
        // the same: with one that allows none, the handler never asks the function.
        DefaultErrorHandler errors = new DefaultErrorHandler(deadLetters, failures.backOff(RequestFailures.Kind.UNEXPECTED));
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
