package com.coaching.notifications.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writer's own view of its relay, read from its Prometheus endpoint: how many events Kafka has
 * acknowledged ({@code notifications.outbox.published}) and the histogram of the relay's publish
 * latency ({@code notifications.outbox.publish.latency}: from the change, stamped inside the creating
 * transaction just before its commit, to Kafka's acknowledgement). Two readings bracket a phase; their
 * difference is what the phase did, so earlier phases (warm-up) do not blur it.
 */
final class WriterMetrics {

    private static final String LATENCY = "notifications_outbox_publish_latency_seconds";
    private static final Pattern BUCKET = Pattern.compile(
            "^" + LATENCY + "_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern PUBLISHED = Pattern.compile(
            "^notifications_outbox_published_total(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
    /** Micrometer's {@code process.cpu.time}: the writer's own CPU time, all threads, in nanoseconds. */
    private static final Pattern BACKLOG = Pattern.compile(
            "^notifications_outbox_backlog(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
    private static final Pattern CPU = Pattern.compile(
            "^process_cpu_time_ns_total(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

    /**
     * One scrape: events acknowledged so far, the cumulative latency histogram (upper bound in seconds →
     * count), the writer's CPU time so far in nanoseconds (NaN when not exported), and the rows waiting in
     * its outbox.
     */
    record Reading(long published, TreeMap<Double, Long> buckets, double cpuNanos, long backlog) {

        /** The latency quantile {@code q} of what happened between {@code earlier} and this, in ms (a bucket's upper bound). */
        double quantileMillisSince(Reading earlier, double q) {
            long total = countSince(earlier, Double.POSITIVE_INFINITY);
            if (total == 0) {
                return Double.NaN;
            }
            long rank = (long) Math.ceil(q * total);
            for (double bound : buckets.keySet()) {
                if (countSince(earlier, bound) >= rank) {
                    return bound * 1000;
                }
            }
            return Double.POSITIVE_INFINITY;
        }

        long countSince(Reading earlier, double bound) {
            return buckets.getOrDefault(bound, 0L) - earlier.buckets.getOrDefault(bound, 0L);
        }
    }

    private final PrometheusEndpoint prometheus;

    WriterMetrics(String writerUrl) {
        this.prometheus = new PrometheusEndpoint(writerUrl);
    }

    Reading read() {
        String text = prometheus.scrape();
        TreeMap<Double, Long> buckets = new TreeMap<>();
        Matcher b = BUCKET.matcher(text);
        while (b.find()) {
            double bound = "+Inf".equals(b.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(b.group(1));
            buckets.put(bound, (long) Double.parseDouble(b.group(2)));
        }
        Matcher p = PUBLISHED.matcher(text);
        long published = p.find() ? (long) Double.parseDouble(p.group(1)) : 0;
        Matcher c = CPU.matcher(text);
        double cpu = c.find() ? Double.parseDouble(c.group(1)) : Double.NaN;
        Matcher w = BACKLOG.matcher(text);
        long backlog = w.find() ? (long) Double.parseDouble(w.group(1)) : 0;
        return new Reading(published, buckets, cpu, backlog);
    }

    /**
     * Waits until Kafka has acknowledged {@code total} events since the writer started, polling; returns
     * the reading then, or the last one when {@code timeout} came first.
     */
    Reading awaitPublished(long total, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        Reading now = read();
        while (now.published() < total && System.nanoTime() < end) {
            pause();
            now = read();
        }
        return now;
    }

    /** The last reading of a wait, and the largest outbox backlog any reading of it saw. */
    record Backlog(Reading last, long largest) {
    }

    /** As {@link #awaitPublished}, also watching the outbox backlog ({@code notifications.outbox.backlog}). */
    Backlog awaitPublishedWatchingBacklog(long total, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        Reading now = read();
        long largest = now.backlog();
        while (now.published() < total && System.nanoTime() < end) {
            pause();
            now = read();
            largest = Math.max(largest, now.backlog());
        }
        return new Backlog(now, largest);
    }

    /** The relay's figures for the phase between two readings. */
    static Map<String, Object> summary(Reading before, Reading after) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("acknowledged_by_kafka", after.published() - before.published());
        s.put("change_to_kafka_ack_p50_ms", after.quantileMillisSince(before, 0.50));
        s.put("change_to_kafka_ack_p99_ms", after.quantileMillisSince(before, 0.99));
        s.put("change_to_kafka_ack_max_bucket_ms", after.quantileMillisSince(before, 1.0));
        // All of the writer's threads (requests, relay, GC, JIT) over the phase, per event acknowledged.
        long published = after.published() - before.published();
        s.put("writer_cpu_ms_per_notification", published == 0 ? Double.NaN
                : Math.round((after.cpuNanos() - before.cpuNanos()) / 1e6 / published * 1000) / 1000.0);
        return s;
    }

    /** Every scrape costs the writer CPU that the phase then counts: a few a second, not fifty. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
