package com.coaching.notifications.gateway.routing;

import com.coaching.notifications.events.Topics;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

/**
 * The assignor of the shared group in partition-affine mode: Kafka's cooperative-sticky assignment (a member
 * keeps its partitions across a rebalance and is never made to revoke the ones it keeps, so their streams miss
 * nothing), plus who reads what. Each member's subscription carries its advertised URL; the leader puts the
 * whole partition-to-URL map into every member's assignment, so every replica learns the owners at the same
 * generation as its own partitions, with no request of its own and nothing to poll. Needs the classic group
 * protocol (the default): the broker-side assignment of {@code group.protocol=consumer} carries no user data.
 * Kafka creates it by class; the {@link PartitionOwnership} it reports to comes in the consumer's configuration
 * under {@link #OWNERSHIP_CONFIG}.
 */
public class OwnersAssignor extends CooperativeStickyAssignor implements Configurable {

    /** Consumer configuration key of the {@link PartitionOwnership} this member reports to and advertises. */
    public static final String OWNERSHIP_CONFIG = "notifications.partition.ownership";

    private PartitionOwnership ownership;

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(OWNERSHIP_CONFIG) instanceof PartitionOwnership given)) {
            throw new IllegalStateException(OWNERSHIP_CONFIG + " must hold this replica's PartitionOwnership");
        }
        this.ownership = given;
    }

    @Override
    public String name() {
        return "notifications-partition-owners";
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.wrap(ownership.advertisedUrl().toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        // The URLs are read first, and the sticky assignor is given subscriptions without them: for a member that
        // joins for the first time (no generation yet), it reads the user data as its own and consumes it.
        Map<String, URI> urls = new HashMap<>();
        Map<String, Subscription> withoutUrls = new HashMap<>();
        groupSubscription.groupSubscription().forEach((member, subscription) -> {
            URI url = advertisedUrl(subscription.userData());
            if (url != null) {
                urls.put(member, url);
            }
            withoutUrls.put(member, withoutUserData(subscription));
        });
        GroupAssignment assigned = super.assign(metadata, new GroupSubscription(withoutUrls));
        Integer partitions = metadata.partitionCountForTopic(Topics.EVENTS);
        List<URI> owners = new ArrayList<>(Collections.nCopies(partitions == null ? 0 : partitions, null));
        assigned.groupAssignment().forEach((member, assignment) -> {
            for (TopicPartition partition : assignment.partitions()) {
                if (Topics.EVENTS.equals(partition.topic()) && partition.partition() < owners.size()) {
                    owners.set(partition.partition(), urls.get(member));
                }
            }
        });
        ByteBuffer map = new PartitionOwners(owners).encode();
        Map<String, Assignment> withOwners = new HashMap<>();
        assigned.groupAssignment().forEach((member, assignment) ->
                withOwners.put(member, new Assignment(assignment.partitions(), map.duplicate())));
        return new GroupAssignment(withOwners);
    }

    private static Subscription withoutUserData(Subscription subscription) {
        Subscription stripped = new Subscription(subscription.topics(), null, subscription.ownedPartitions(),
                subscription.generationId().orElse(DEFAULT_GENERATION), subscription.rackId());
        stripped.setGroupInstanceId(subscription.groupInstanceId());
        return stripped;
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        super.onAssignment(assignment, metadata);
        if (assignment.userData() != null && assignment.userData().hasRemaining()) {
            ownership.ownersAssigned(PartitionOwners.decode(assignment.userData()));
        }
    }

    /** A member that advertises nothing readable owns its partitions anonymously: streams for them get 503. */
    private static URI advertisedUrl(ByteBuffer userData) {
        if (userData == null || !userData.hasRemaining()) {
            return null;
        }
        ByteBuffer copy = userData.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        try {
            return URI.create(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
