package com.coaching.notifications.writer.requests;

import com.coaching.notifications.events.Topics;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * {@code requestConsumer} health, part of readiness: UP while the listener container of
 * {@link Topics#REQUESTS} runs and is not paused. Partitions are not required: with more writer replicas than
 * partitions some replicas hold none, and are still ready to take over.
 */
@Component
public class RequestConsumerHealthIndicator implements HealthIndicator {

    private final KafkaListenerEndpointRegistry listeners;

    RequestConsumerHealthIndicator(KafkaListenerEndpointRegistry listeners) {
        this.listeners = listeners;
    }

    /** The listener container of the request topic, found by its topic (the listener has no id of its own). */
    public static Optional<MessageListenerContainer> requestContainer(KafkaListenerEndpointRegistry listeners) {
        return listeners.getListenerContainers().stream()
                .filter(c -> c.getContainerProperties().getTopics() != null
                        && Arrays.asList(c.getContainerProperties().getTopics()).contains(Topics.REQUESTS))
                .findFirst();
    }

    @Override
    public Health health() {
        Optional<MessageListenerContainer> container = requestContainer(listeners);
        if (container.isEmpty()) {
            return Health.down().withDetail("reason", "no listener for " + Topics.REQUESTS).build();
        }
        MessageListenerContainer requests = container.get();
        boolean consuming = requests.isRunning() && !requests.isPauseRequested();
        return (consuming ? Health.up() : Health.down())
                .withDetail("running", requests.isRunning())
                .withDetail("paused", requests.isPauseRequested())
                .withDetail("assignedPartitions", requests.getAssignedPartitions() == null ? 0
                        : requests.getAssignedPartitions().size())
                .build();
    }
}
