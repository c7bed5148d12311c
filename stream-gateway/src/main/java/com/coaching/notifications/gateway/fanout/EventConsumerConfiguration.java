package com.coaching.notifications.gateway.fanout;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.gateway.stream.StreamProperties;
import io.micrometer.core.instrument.MeterRegistry;
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
 * streams to catch up (clients resume from the writer's log by {@code Last-Event-ID}).
 * Connection settings come from {@code spring.kafka.*}.
 */
@Configuration(proxyBeanMethods = false)
public class EventConsumerConfiguration {

    @Bean
    KafkaMessageListenerContainer<String, byte[]> eventListenerContainer(KafkaProperties kafka,
            StreamProperties stream, EventFanOut fanOut, EventConsumerHealthIndicator health, MeterRegistry meters) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, stream.consumerGroupPrefix() + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        DefaultKafkaConsumerFactory<String, byte[]> consumers =
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        // The client's own metrics, consumer lag among them (kafka.consumer.fetch.manager.records.lag.max).
        consumers.addListener(new MicrometerConsumerListener<>(meters));

        ContainerProperties container = new ContainerProperties(Topics.EVENTS);
        container.setMessageListener(fanOut);
        // MANUAL without ever acknowledging: no offset commits for a group that is thrown away.
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setConsumerRebalanceListener(health);
        return new KafkaMessageListenerContainer<>(consumers, container);
    }
}
