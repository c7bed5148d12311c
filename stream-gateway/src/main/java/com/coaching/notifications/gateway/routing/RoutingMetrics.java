package com.coaching.notifications.gateway.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code sse_routing_partitions_owned} (gauge: partitions this replica reads and serves in partition-affine mode,
 * 0 in broadcast mode) and {@code sse_routing_redirects_total{outcome}}: stream requests that reached a replica
 * not reading their user's partition, {@code redirected} (307 to the owner) or {@code unavailable} (503, no
 * owner). A steady rate of either means the load balancer's routing key does not match the assignment.
 */
@Component
public class RoutingMetrics {

    private final Counter redirected;
    private final Counter unavailable;

    public RoutingMetrics(MeterRegistry meters, PartitionOwnership ownership) {
        Gauge.builder("sse.routing.partitions.owned", ownership, PartitionOwnership::ownedPartitions)
                .description("Partitions of the event topic this replica reads and serves streams of (partition-affine mode)")
                .register(meters);
        this.redirected = counter(meters, "redirected");
        this.unavailable = counter(meters, "unavailable");
    }

    public void redirected() {
        redirected.increment();
    }

    public void unavailable() {
        unavailable.increment();
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("sse.routing.redirects")
                .description("Stream requests for a partition this replica does not read, by what they were answered")
                .tag("outcome", outcome)
                .register(meters);
    }
}
