package com.coaching.notifications.gateway.fanout;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.gateway.routing.OwnersAssignor;
import com.coaching.notifications.gateway.routing.PartitionOwnership;
import com.coaching.notifications.gateway.routing.RoutingProperties;
import com.coaching.notifications.gateway.stream.StreamProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * The consumer of the event topic: a spring-kafka listener container (reactor-kafka is discontinued and
 * does not run on Kafka 4). Each start joins a consumer group of its own, so this replica alone holds every
 * partition; it starts at the end of the topic and commits nothing, because a restarted replica has no
 * streams to catch up (clients resume from the writer's log by {@code Last-Event-ID}). In partition-affine mode
 * the replicas share one group instead, with {@link OwnersAssignor}, and the {@link PartitionHandover} moves
 * streams with their partitions.
 * Connection settings come from {@code spring.kafka.*}.
 */
@Configuration(proxyBeanMethods = false)
public class EventConsumerConfiguration {

    private static final Duration AUTHORIZATION_RETRY_INTERVAL = Duration.ofSeconds(10);
    private static final Duration METADATA_MAX_AGE = Duration.ofSeconds(30);

    @Bean
    KafkaMessageListenerContainer<String, byte[]> eventListenerContainer(KafkaProperties kafka,
            StreamProperties stream, RoutingProperties routing, PartitionOwnership ownership, EventFanOut fanOut,
            EventConsumerHealthIndicator health, PartitionHandover handover, MeterRegistry meters) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        if (routing.affine()) {
            // One group for all replicas, which split the partitions; the assignor tells every member who reads what.
            config.put(ConsumerConfig.GROUP_ID_CONFIG, routing.groupId());
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(OwnersAssignor.class));
            config.put(OwnersAssignor.OWNERSHIP_CONFIG, ownership);
        } else {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, stream.consumerGroupPrefix() + "-" + UUID.randomUUID());
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A topic this replica was refused stays out of its group's assignment until the client next
        // refreshes its metadata: every 30 s rather than Kafka's 5 minutes, so a late grant takes effect soon.
        config.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) METADATA_MAX_AGE.toMillis());
        DefaultKafkaConsumerFactory<String, byte[]> consumers =
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        // The client's own metrics, consumer lag among them (kafka.consumer.fetch.manager.records.lag.max).
        consumers.addListener(new MicrometerConsumerListener<>(meters));

        ContainerProperties container = new ContainerProperties(Topics.EVENTS);
        container.setMessageListener(fanOut);
        // MANUAL without ever acknowledging: no offset commits for a group that is thrown away, nor for the shared
        // one, where a partition's new owner starts at the end and its streams catch up from the writer's history.
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setConsumerRebalanceListener(routing.affine() ? handover : health);
        // A refusal by the cluster's ACLs (grants applied after this replica started, or the topic not
        // created yet, which this principal may not do) is retried: by default the container stops for
        // good and the replica never becomes ready.
        container.setAuthExceptionRetryInterval(AUTHORIZATION_RETRY_INTERVAL);
        // A span per record, continuing the record's traceparent (the writer's publish): the fan-out's
        // delivery span is its child.
        container.setObservationEnabled(true);
        return new KafkaMessageListenerContainer<>(consumers, container);
    }
}
