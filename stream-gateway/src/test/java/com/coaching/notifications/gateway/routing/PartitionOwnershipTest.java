package com.coaching.notifications.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.UserPartition;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Who serves a user's stream: the replica that reads the user's partition, and no other. */
class PartitionOwnershipTest {

    private static final URI HERE = URI.create("http://gateway-1.test:8082");
    private static final URI THERE = URI.create("http://gateway-2.test:8082");

    private final PartitionOwnership affine = new PartitionOwnership(new RoutingProperties(
            RoutingMode.PARTITION_AFFINE, "stream-gateway-affine", HERE, Duration.ofSeconds(1)));

    @Test
    void inBroadcastModeEveryReplicaServesEveryone() {
        PartitionOwnership broadcast = new PartitionOwnership(new RoutingProperties(RoutingMode.BROADCAST,
                "stream-gateway-affine", null, Duration.ofSeconds(1)));

        assertThat(broadcast.route("u-1")).isEqualTo(new Route.Anywhere());
        assertThat(broadcast.knowsOwners()).isFalse();
    }

    @Test
    void aStreamOfAPartitionThisReplicaReadsIsServedHere() {
        affine.ownersAssigned(owners(HERE, THERE, HERE));
        affine.partitionsReady(List.of(0, 2));
        String user = userOfPartition(2, 3);

        assertThat(affine.route(user)).isEqualTo(new Route.Here(2));
        assertThat(affine.ownedPartitions()).isEqualTo(2);
    }

    @Test
    void aStreamOfAPartitionAnotherReplicaReadsIsSentToThatReplica() {
        affine.ownersAssigned(owners(HERE, THERE, HERE));
        affine.partitionsReady(List.of(0, 2));
        String user = userOfPartition(1, 3);

        assertThat(affine.route(user)).isEqualTo(new Route.Elsewhere(1, THERE));
    }

    @Test
    void aPartitionAssignedHereIsNotServedBeforeItsStartPositionIsFixed() {
        // Between the assignment and the positions a stream admitted here could miss events.
        affine.ownersAssigned(owners(HERE, THERE, HERE));
        String user = userOfPartition(0, 3);

        assertThat(affine.route(user)).isEqualTo(new Route.Nowhere(OptionalInt.of(0)));
        affine.partitionsReady(List.of(0));
        assertThat(affine.route(user)).isEqualTo(new Route.Here(0));
    }

    @Test
    void aPartitionNoReplicaHoldsMidRebalanceHasNoRouteYet() {
        affine.ownersAssigned(owners(HERE, null, HERE));
        affine.partitionsReady(List.of(0, 2));

        assertThat(affine.route(userOfPartition(1, 3))).isEqualTo(new Route.Nowhere(OptionalInt.of(1)));
    }

    @Test
    void aRevokedPartitionIsServedNowhereUntilTheNextAssignmentNamesItsOwner() {
        affine.ownersAssigned(owners(HERE, THERE, HERE));
        affine.partitionsReady(List.of(0, 2));
        String user = userOfPartition(2, 3);

        affine.partitionsLeft(List.of(2));

        assertThat(affine.route(user)).isEqualTo(new Route.Nowhere(OptionalInt.of(2)));
        assertThat(affine.servesHere(user)).isFalse();
        assertThat(affine.ownedPartitions()).isEqualTo(1);
        affine.ownersAssigned(owners(HERE, THERE, THERE));
        assertThat(affine.route(user)).isEqualTo(new Route.Elsewhere(2, THERE));
    }

    @Test
    void beforeTheFirstAssignmentNobodyIsServed() {
        assertThat(affine.knowsOwners()).isFalse();
        assertThat(affine.route("u-1")).isEqualTo(new Route.Nowhere(OptionalInt.empty()));
    }

    @Test
    void aLostMembershipForgetsTheOwners() {
        affine.ownersAssigned(owners(HERE, THERE, HERE));
        affine.partitionsReady(List.of(0, 2));

        affine.membershipLost();

        assertThat(affine.knowsOwners()).isFalse();
        assertThat(affine.ownedPartitions()).isZero();
        assertThat(affine.route(userOfPartition(1, 3))).isEqualTo(new Route.Nowhere(OptionalInt.empty()));
    }

    @Test
    void theOwnersSurviveTheTripThroughAnAssignment() {
        PartitionOwners owners = owners(HERE, null, THERE);

        assertThat(PartitionOwners.decode(owners.encode())).isEqualTo(owners);
        assertThat(PartitionOwners.decode(owners.encode()).ownerOf(1)).isNull();
    }

    private static PartitionOwners owners(URI... owners) {
        return new PartitionOwners(Arrays.asList(owners));
    }

    static String userOfPartition(int partition, int partitions) {
        return IntStream.iterate(0, i -> i + 1).mapToObj(i -> "user-" + i)
                .filter(user -> UserPartition.of(user, partitions) == partition).findFirst().orElseThrow();
    }
}
