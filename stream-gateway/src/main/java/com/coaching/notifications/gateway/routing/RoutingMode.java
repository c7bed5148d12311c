package com.coaching.notifications.gateway.routing;

/** How the replicas of a deployment share the event topic. */
public enum RoutingMode {
    /** Every replica reads every partition in a group of its own, and serves any user. */
    BROADCAST,
    /** The replicas share one group and split the partitions; a user's stream is served by its partition's reader. */
    PARTITION_AFFINE
}
