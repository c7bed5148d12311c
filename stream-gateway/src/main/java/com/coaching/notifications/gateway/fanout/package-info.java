/**
 * From the event topic to the connections: the Kafka consumer (its own group, every partition, from the end; or,
 * in partition-affine mode, the shared group and its share of the partitions, and the handover of streams on a
 * rebalance), its readiness, and the check and hand-over of each record to the local streams of the user in its
 * key.
 */
package com.coaching.notifications.gateway.fanout;
