package com.coaching.notifications.writer.topic;

import com.coaching.notifications.events.Topics;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares {@link Topics#EVENTS}; Spring Kafka's admin creates it on startup unless it exists. */
@Configuration(proxyBeanMethods = false)
public class EventTopicConfiguration {

    @Bean
    NewTopic eventsTopic(TopicProperties topic) {
        return new NewTopic(Topics.EVENTS, Optional.of(topic.partitions()),
                Optional.ofNullable(topic.replicationFactor()).map(Integer::shortValue))
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis())));
    }
}
