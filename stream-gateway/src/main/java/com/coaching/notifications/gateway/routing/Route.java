package com.coaching.notifications.gateway.routing;

import java.net.URI;
import java.util.OptionalInt;

/** Where a user's stream is served, as this replica sees it now. */
public sealed interface Route {

    /** Broadcast mode: every replica reads every partition. */
    record Anywhere() implements Route {
    }

    /** This replica reads the user's partition, from a fixed start position. */
    record Here(int partition) implements Route {
    }

    /** Another replica reads it, reachable at {@code owner}. */
    record Elsewhere(int partition, URI owner) implements Route {
    }

    /** No replica reads it at the moment (a rebalance), or the partitions are not known yet. */
    record Nowhere(OptionalInt partition) implements Route {
    }
}
