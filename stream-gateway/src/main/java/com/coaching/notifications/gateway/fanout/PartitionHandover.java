package com.coaching.notifications.gateway.fanout;

import com.coaching.notifications.events.UserPartition;
import com.coaching.notifications.gateway.routing.PartitionOwnership;
import com.coaching.notifications.gateway.stream.Reconnects;
import com.coaching.notifications.gateway.stream.StreamFrames;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The rebalance listener of partition-affine mode. A partition this replica is given is served once its start
 * position is fixed (by {@link EventConsumerHealthIndicator}); a partition it gives up is first taken out of the
 * ownership, so no new stream is admitted for it, and then the streams of its users end with a jittered
 * {@code retry:}: they resume at the new owner with their last event id, which catches up from the writer.
 * Partitions it keeps are not revoked (cooperative rebalancing), so their streams go on and miss nothing.
 * Runs on the consumer's thread and only queues frames.
 */
@Component
public class PartitionHandover implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionHandover.class);

    private final EventConsumerHealthIndicator health;
    private final PartitionOwnership ownership;
    private final Reconnects reconnects;

    public PartitionHandover(EventConsumerHealthIndicator health, PartitionOwnership ownership, Reconnects reconnects) {
        this.health = health;
        this.ownership = ownership;
        this.reconnects = reconnects;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        health.onPartitionsAssigned(consumer, partitions);
        ownership.partitionsReady(numbers(partitions));
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> left = numbers(partitions);
        int count = ownership.partitionCount();
        ownership.partitionsLeft(left);
        endStreamsOf(left, count);
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        health.onPartitionsRevokedAfterCommit(consumer, partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        health.onPartitionsLost(consumer, partitions);
        int count = ownership.partitionCount();
        ownership.membershipLost();
        endStreamsOf(numbers(partitions), count);
    }

    /** With the partition count unknown, every stream ends: none can be shown to be on a kept partition. */
    private void endStreamsOf(Set<Integer> left, int partitionCount) {
        if (left.isEmpty()) {
            return;
        }
        log.info("Partitions {} moved to another replica; their streams resume there", left);
        reconnects.endStreams(userId -> partitionCount == 0 || left.contains(UserPartition.of(userId, partitionCount)),
                StreamFrames.PARTITION_MOVED);
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toUnmodifiableSet());
    }
}
