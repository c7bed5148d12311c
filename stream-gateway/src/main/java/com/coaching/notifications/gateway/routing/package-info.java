/**
 * Partition-affine routing, off by default: which replica of a shared consumer group reads a user's partition,
 * learnt from the group's own assignment, and the answer to a stream request that reached another replica
 * (307 to the owner, or 503 while the partition has none). Knows nothing of the streams themselves.
 */
package com.coaching.notifications.gateway.routing;
