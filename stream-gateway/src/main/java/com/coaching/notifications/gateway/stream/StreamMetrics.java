package com.coaching.notifications.gateway.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The story's stream metrics: {@code sse.connections.active} (gauge), {@code sse.messages.sent} by
 * {@code event}, {@code sse.connection.duration} (timer), {@code sse.connections.dropped} by
 * {@code reason}, {@code sse.reconnections} (streams opened with a last event id) and {@code sse.delivery.lag}
 * (from an event's commit, {@code ce_time}, to its receipt here). Refusals by a limit are counted by the limits.
 */
@Component
public class StreamMetrics {

    private final MeterRegistry meters;
    private final Timer duration;
    private final Counter slowClients;
    private final Counter reconnections;
    private final Timer deliveryLag;
    private final Map<String, Counter> sentByEvent = new ConcurrentHashMap<>();

    public StreamMetrics(MeterRegistry meters, ConnectionRegistry registry) {
        this.meters = meters;
        Gauge.builder("sse.connections.active", registry, ConnectionRegistry::size)
                .description("Open SSE connections on this replica")
                .register(meters);
        this.duration = Timer.builder("sse.connection.duration")
                .description("How long SSE connections stay open")
                .register(meters);
        this.slowClients = Counter.builder("sse.connections.dropped")
                .description("SSE connections closed by the server")
                .tag("reason", "slow_client")
                .register(meters);
        this.reconnections = Counter.builder("sse.reconnections")
                .description("Streams opened with a last event id, to resume")
                .register(meters);
        this.deliveryLag = Timer.builder("sse.delivery.lag")
                .description("From an event's commit (ce_time, else the record's timestamp) to its receipt by this gateway")
                .register(meters);
    }

    public void sent(SseFrame frame) {
        sentByEvent.computeIfAbsent(frame.event(), event -> Counter.builder("sse.messages.sent")
                .description("SSE frames written to clients")
                .tag("event", event)
                .register(meters)).increment();
    }

    public void closed(Connection connection) {
        duration.record(System.nanoTime() - connection.openedAtNanos(), TimeUnit.NANOSECONDS);
    }

    public void resumed() {
        reconnections.increment();
    }

    public void deliveryLag(Instant eventTime) {
        deliveryLag.record(Duration.between(eventTime, Instant.now()));
    }

    public void slowClientDropped() {
        slowClients.increment();
    }
}
