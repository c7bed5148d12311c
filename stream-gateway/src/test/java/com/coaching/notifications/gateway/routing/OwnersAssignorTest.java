package com.coaching.notifications.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.Topics;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The leader's assignment names every member's advertised URL as the owner of its partitions, whether the member
 * joins for the first time (its subscription carries no generation, and the sticky assignor then reads the
 * subscription's user data as its own) or rejoins with the partitions it owns.
 */
class OwnersAssignorTest {

    private static final URI FIRST = URI.create("http://127.0.0.1:8082");
    private static final URI SECOND = URI.create("http://127.0.0.1:8083");
    private static final int PARTITIONS = 3;

    @Test
    void membersJoiningForTheFirstTimeAreNamedAsOwners() {
        GroupAssignment assigned = assignor(FIRST).assign(cluster(), new GroupSubscription(Map.of(
                "first", new Subscription(List.of(Topics.EVENTS), advertising(FIRST)),
                "second", new Subscription(List.of(Topics.EVENTS), advertising(SECOND)))));

        assertOwnersMatchTheAssignment(assigned, Map.of("first", FIRST, "second", SECOND));
        assertThat(assigned.groupAssignment().values().stream().mapToInt(a -> a.partitions().size()).sum())
                .isEqualTo(PARTITIONS);
    }

    /** Cooperative: this round only takes from the first what the second will get; the partition is nobody's. */
    @Test
    void aMemberThatRejoinsWithItsPartitionsAndOneNewToTheGroupAreBothNamed() {
        List<TopicPartition> all = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new TopicPartition(Topics.EVENTS, p)).toList();
        GroupAssignment assigned = assignor(FIRST).assign(cluster(), new GroupSubscription(Map.of(
                "first", new Subscription(List.of(Topics.EVENTS), advertising(FIRST), all, 1, Optional.empty()),
                "second", new Subscription(List.of(Topics.EVENTS), advertising(SECOND)))));

        assertOwnersMatchTheAssignment(assigned, Map.of("first", FIRST, "second", SECOND));
        assertThat(assigned.groupAssignment().get("first").partitions()).hasSize(PARTITIONS - 1);
    }

    private static void assertOwnersMatchTheAssignment(GroupAssignment assigned, Map<String, URI> urls) {
        assigned.groupAssignment().forEach((member, assignment) -> {
            PartitionOwners owners = PartitionOwners.decode(assignment.userData());
            assertThat(owners.partitions()).isEqualTo(PARTITIONS);
            assigned.groupAssignment().forEach((other, theirs) -> theirs.partitions().forEach(partition ->
                    assertThat(owners.ownerOf(partition.partition()))
                            .as("owner of partition %d in the assignment of %s", partition.partition(), member)
                            .isEqualTo(urls.get(other))));
        });
    }

    private static ByteBuffer advertising(URI url) {
        return assignor(url).subscriptionUserData(Set.of(Topics.EVENTS));
    }

    private static OwnersAssignor assignor(URI url) {
        OwnersAssignor assignor = new OwnersAssignor();
        assignor.configure(Map.of(OwnersAssignor.OWNERSHIP_CONFIG, new PartitionOwnership(
                new RoutingProperties(RoutingMode.PARTITION_AFFINE, "group", url, Duration.ofSeconds(1)))));
        return assignor;
    }

    private static Cluster cluster() {
        Node broker = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new PartitionInfo(Topics.EVENTS, p, broker, new Node[] {broker}, new Node[] {broker}))
                .toList();
        return new Cluster("cluster", List.of(broker), partitions, Set.of(), Set.of());
    }
}
