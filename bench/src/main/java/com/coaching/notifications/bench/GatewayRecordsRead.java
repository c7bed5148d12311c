package com.coaching.notifications.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * How many records a gateway's consumer has read so far, by its own count: the Kafka client's
 * {@code records-consumed-total}, which the gateway exports on {@code /actuator/prometheus}. A step's
 * rate is what the gateway read, not what the producer sent, and waiting for the count to reach what
 * was sent tells when the gateway has caught up.
 */
final class GatewayRecordsRead {

    private static final String CONSUMED = "kafka_consumer_fetch_manager_records_consumed_total";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    GatewayRecordsRead(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    long read() {
        String text;
        URI uri = URI.create(baseUrl + "/actuator/prometheus");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            text = response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<MetricsRecorder.Series, Double> samples = new HashMap<>();
        MetricsRecorder.parse(text, uri.getAuthority(), samples);
        // The client-wide series (no topic label): the gateway reads one topic, so it counts that topic's records.
        return samples.entrySet().stream()
                .filter(e -> e.getKey().name().equals(CONSUMED) && !e.getKey().labels().containsKey("topic"))
                .mapToLong(e -> e.getValue().longValue())
                .reduce(Long::sum)
                .orElseThrow(() -> new IllegalStateException("no " + CONSUMED + " in " + uri));
    }

    /**
     * Waits until the gateway has read {@code total} records, reading its count every 100 ms; returns the
     * last count, which is below {@code total} only when {@code timeout} came first.
     */
    long awaitRead(long total, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        long read = read();
        while (read < total && System.nanoTime() < end) {
            // Each read costs the gateway a scrape that the step then counts: ten a second at most.
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            read = read();
        }
        return read;
    }
}
