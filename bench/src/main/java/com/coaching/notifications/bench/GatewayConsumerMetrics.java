package com.coaching.notifications.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A gateway's event consumer by its own count, from the Kafka client's metrics on
 * {@code /actuator/prometheus}: records read and fetch requests made so far. A step's rate is what the
 * gateway read, not what the producer sent; waiting for the count to reach what was sent tells when the
 * gateway has caught up; records per fetch tell how much of its cost is per fetch rather than per record.
 */
final class GatewayConsumerMetrics {

    private static final String RECORDS = "kafka_consumer_fetch_manager_records_consumed_total";
    private static final String FETCHES = "kafka_consumer_fetch_manager_fetch_total";

    /** Records read and fetch requests made since the consumer started. */
    record Reading(long records, long fetches) {
    }

    private final PrometheusEndpoint prometheus;

    GatewayConsumerMetrics(String gatewayUrl) {
        this.prometheus = new PrometheusEndpoint(gatewayUrl);
    }

    Reading read() {
        String text = prometheus.scrape();
        Map<MetricsRecorder.Series, Double> samples = new HashMap<>();
        MetricsRecorder.parse(text, prometheus.authority(), samples);
        return new Reading(largest(samples, RECORDS), largest(samples, FETCHES));
    }

    /**
     * The client reports one count under several series (client-wide, and per topic with the name as it is
     * and, deprecated, with dots as underscores; Micrometer drops some as others appear). The gateway reads
     * one topic, so every series counts the same records: the largest is the current one.
     */
    private long largest(Map<MetricsRecorder.Series, Double> samples, String name) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name))
                .mapToLong(e -> e.getValue().longValue())
                .max()
                .orElseThrow(() -> new IllegalStateException("no " + name + " in " + prometheus));
    }

    /**
     * Waits until the gateway has read {@code records} records, reading its count every 100 ms; returns the
     * last reading, whose count is below {@code records} only when {@code timeout} came first.
     */
    Reading awaitRecords(long records, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        Reading now = read();
        while (now.records() < records && System.nanoTime() < end) {
            // Each read costs the gateway a scrape that the step then counts: ten a second at most.
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            now = read();
        }
        return now;
    }
}
