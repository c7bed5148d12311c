package com.coaching.notifications.gateway.routing;

import com.coaching.notifications.events.UserPartition;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which partitions of the event topic this replica reads and who reads the others, and from that the
 * {@link Route} of a user's stream. Changed by the Kafka consumer's thread during rebalances, read by request
 * threads: the state is one immutable snapshot behind a volatile field, so a route never waits for a lock.
 * A partition counts as read here only once its start position is fixed, or a stream admitted before could miss
 * the events in between.
 */
@Component
public class PartitionOwnership {

    private record State(PartitionOwners owners, Set<Integer> ready) {
    }

    private static final State UNKNOWN = new State(null, Set.of());

    private final RoutingProperties properties;
    private volatile State state = UNKNOWN;

    public PartitionOwnership(RoutingProperties properties) {
        this.properties = properties;
    }

    public boolean affine() {
        return properties.affine();
    }

    /** Where clients reach this replica. */
    public URI advertisedUrl() {
        return properties.advertisedUrl();
    }

    /** Where the stream of {@code userId} is served now. */
    public Route route(String userId) {
        if (!properties.affine()) {
            return new Route.Anywhere();
        }
        State current = state;
        if (current.owners() == null || current.owners().partitions() == 0) {
            return new Route.Nowhere(OptionalInt.empty());
        }
        int partition = UserPartition.of(userId, current.owners().partitions());
        if (current.ready().contains(partition)) {
            return new Route.Here(partition);
        }
        URI owner = current.owners().ownerOf(partition);
        if (owner != null && !owner.equals(properties.advertisedUrl())) {
            return new Route.Elsewhere(partition, owner);
        }
        return new Route.Nowhere(OptionalInt.of(partition));
    }

    /** Whether this replica reads the events of {@code userId} (always, in broadcast mode). */
    public boolean servesHere(String userId) {
        Route route = route(userId);
        return route instanceof Route.Anywhere || route instanceof Route.Here;
    }

    /** The partition of {@code userId}, if the partitions are known. */
    public OptionalInt partitionOf(String userId) {
        PartitionOwners owners = state.owners();
        return owners == null || owners.partitions() == 0 ? OptionalInt.empty()
                : OptionalInt.of(UserPartition.of(userId, owners.partitions()));
    }

    /** Partitions of the event topic as the last assignment counted them; 0 before one. */
    public int partitionCount() {
        PartitionOwners owners = state.owners();
        return owners == null ? 0 : owners.partitions();
    }

    /** Whether this replica is a member of the shared group with a current assignment. */
    public boolean knowsOwners() {
        PartitionOwners owners = state.owners();
        return owners != null && owners.partitions() > 0;
    }

    /** Partitions this replica reads and serves now; 0 in broadcast mode. */
    public int ownedPartitions() {
        return state.ready().size();
    }

    /** A new assignment of the group, with the owners it names. */
    public synchronized void ownersAssigned(PartitionOwners owners) {
        state = new State(owners, state.ready());
    }

    /** Partitions of this replica whose start positions are now fixed: their streams are served here. */
    public synchronized void partitionsReady(Collection<Integer> partitions) {
        Set<Integer> ready = new HashSet<>(state.ready());
        ready.addAll(partitions);
        state = new State(state.owners(), Set.copyOf(ready));
    }

    /** Partitions this replica no longer reads; nobody is sent here for them any more. */
    public synchronized void partitionsLeft(Collection<Integer> partitions) {
        Set<Integer> ready = new HashSet<>(state.ready());
        ready.removeAll(partitions);
        PartitionOwners owners = state.owners();
        if (owners != null) {
            List<URI> named = new ArrayList<>(owners.owners());
            for (int partition : partitions) {
                if (partition < named.size() && properties.advertisedUrl().equals(named.get(partition))) {
                    named.set(partition, null);
                }
            }
            owners = new PartitionOwners(named);
        }
        state = new State(owners, Set.copyOf(ready));
    }

    /** This replica is out of the group (its session expired): it knows no owners until it is assigned again. */
    public synchronized void membershipLost() {
        state = UNKNOWN;
    }
}
