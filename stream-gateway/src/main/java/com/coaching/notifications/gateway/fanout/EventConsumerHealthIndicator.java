package com.coaching.notifications.gateway.fanout;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * {@code eventConsumer} health, part of readiness: DOWN until the consumer holds partitions of the event
 * topic with their start positions fixed. The consumer starts at the end of the topic, so a replica
 * that took streams earlier would silently miss the events published in between.
 */
@Component
public class EventConsumerHealthIndicator implements HealthIndicator, ConsumerAwareRebalanceListener {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Resolve "latest" now rather than at the next fetch: everything published after this point is read.
        partitions.forEach(consumer::position);
        assigned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
    }

    @Override
    public Health health() {
        int partitions = assigned.size();
        return (partitions > 0 ? Health.up() : Health.down()).withDetail("assignedPartitions", partitions).build();
    }
}
