package com.coaching.notifications.gateway.fanout;

import com.coaching.notifications.gateway.routing.PartitionOwnership;
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
 * that took streams earlier would silently miss the events published in between. In partition-affine mode a
 * replica is also UP as a member of the shared group with a current assignment that gave it no partition (more
 * replicas than partitions): it serves no stream itself but answers each with a 307 to the owner, and it is the
 * spare that takes over a partition when an owner leaves. It serves only the partitions whose positions are
 * fixed ({@code routing.PartitionOwnership}).
 */
@Component
public class EventConsumerHealthIndicator implements HealthIndicator, ConsumerAwareRebalanceListener {

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final PartitionOwnership ownership;

    public EventConsumerHealthIndicator(PartitionOwnership ownership) {
        this.ownership = ownership;
    }

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
        Health.Builder health = partitions > 0 || ownership.knowsOwners() ? Health.up() : Health.down();
        health.withDetail("assignedPartitions", partitions);
        if (ownership.affine()) {
            health.withDetail("partitionCount", ownership.partitionCount());
        }
        return health.build();
    }
}
