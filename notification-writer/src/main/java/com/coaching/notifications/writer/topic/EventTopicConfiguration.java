package com.coaching.notifications.writer.topic;

import com.coaching.notifications.events.Topics;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the writer's topics: {@link Topics#EVENTS}, which it produces, and {@link Topics#REQUESTS}
 * with its dead-letter topic, which it consumes. Spring Kafka's admin creates each on startup unless
 * it exists; an existing topic is left as it is.
 */
@Configuration(proxyBeanMethods = false)
public class EventTopicConfiguration {

    @Bean
    NewTopic eventsTopic(TopicProperties topic) {
        return declare(Topics.EVENTS, topic);
    }

    @Bean
    NewTopic requestsTopic(TopicProperties topic) {
        return declare(Topics.REQUESTS, topic);
    }

    @Bean
    NewTopic requestsDeadLetterTopic(TopicProperties topic) {
        return declare(Topics.REQUESTS_DLT, topic);
    }

    private static NewTopic declare(String name, TopicProperties topic) {
        return new NewTopic(name, Optional.of(topic.partitions()),
                Optional.ofNullable(topic.replicationFactor()).map(Integer::shortValue))
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis())));
    }
}
