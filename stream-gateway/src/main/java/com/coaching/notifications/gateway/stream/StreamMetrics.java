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
 * The story's stream metrics, named as Prometheus shows them: {@code sse_connections_total} (streams opened),
 * {@code sse_messages_sent_total} by {@code event_type} (the SSE event name), {@code sse_connection_duration_seconds}
 * (a histogram), {@code sse_reconnection_attempts_total} by {@code reason} (streams this gateway ended so that
 * their clients reconnect: {@code shutdown}, {@code history_unavailable}, {@code token_expired},
 * {@code slow_client}, {@code partition_moved}). Beside them: {@code sse_connections_active} (gauge), {@code sse_connections_dropped_total}
 * by {@code reason}, {@code sse_reconnections_total} (streams opened with a last event id) and
 * {@code sse_delivery_lag_seconds}, a histogram of now minus the event's {@code ce_time} for every live frame
 * handed to a client, with a bucket at exactly 1 s (the story's target) among the percentile buckets. Frames
 * of a catch-up are not in it: their lag is how long the client was away. {@code sse_connection_establishment_seconds}
 * is, for every admitted stream, the time from its request reaching this gateway (before the token check) to the
 * stream being registered with its {@code connected} frame queued, with a bucket at the story's 500 ms. Refusals
 * are counted by the limits.
 */
@Component
public class StreamMetrics {

    /** The bounds an operator asks about: the story's 1 s delivery target and its neighbours. */
    /** The story's connection target (500 ms) and its neighbours. */
    private static final Duration[] ESTABLISHMENT_OBJECTIVES = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};

    private static final Duration[] LAG_OBJECTIVES = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final MeterRegistry meters;
    private final Counter opened;
    private final Timer establishment;
    private final Timer duration;
    private final Counter slowClients;
    private final Counter reconnections;
    private final Timer deliveryLag;
    private final Map<String, Counter> sentByEvent = new ConcurrentHashMap<>();
    private final Map<String, Counter> reconnectionAttempts = new ConcurrentHashMap<>();

    public StreamMetrics(MeterRegistry meters, ConnectionRegistry registry) {
        this.meters = meters;
        Gauge.builder("sse.connections.active", registry, ConnectionRegistry::size)
                .description("Open SSE connections on this replica")
                .register(meters);
        this.opened = Counter.builder("sse.connections")
                .description("SSE connections opened on this replica")
                .register(meters);
        this.establishment = Timer.builder("sse.connection.establishment")
                .description("From a stream request reaching this gateway to its stream admitted, first frame queued")
                .publishPercentileHistogram()
                .serviceLevelObjectives(ESTABLISHMENT_OBJECTIVES)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
        this.duration = Timer.builder("sse.connection.duration")
                .description("How long SSE connections stay open")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofHours(24))
                .register(meters);
        this.slowClients = Counter.builder("sse.connections.dropped")
                .description("SSE connections closed by the server")
                .tag("reason", StreamFrames.SLOW_CLIENT)
                .register(meters);
        this.reconnections = Counter.builder("sse.reconnections")
                .description("Streams opened with a last event id, to resume")
                .register(meters);
        this.deliveryLag = Timer.builder("sse.delivery.lag")
                .description("From an event's commit (ce_time, else the record's timestamp) to its frame going to a client")
                .publishPercentileHistogram()
                .serviceLevelObjectives(LAG_OBJECTIVES)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
    }

    /** Counts an admitted stream and how long admitting it took since its request arrived. */
    public void opened(long receivedAtNanos) {
        opened.increment();
        establishment.record(System.nanoTime() - receivedAtNanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a frame going to a client: its event type, its lag if it is a live event, the end it asks for. */
    public void sent(SseFrame frame) {
        sentByEvent.computeIfAbsent(frame.event(), event -> Counter.builder("sse.messages.sent")
                .description("SSE frames written to clients")
                .tag("event_type", event)
                .register(meters)).increment();
        if (frame.eventTime() != null) {
            deliveryLag.record(Duration.between(frame.eventTime(), Instant.now()));
        }
        if (frame.endsStream()) {
            reconnectionAsked(frame.endReason());
        }
    }

    public void closed(Connection connection) {
        duration.record(System.nanoTime() - connection.openedAtNanos(), TimeUnit.NANOSECONDS);
    }

    public void resumed() {
        reconnections.increment();
    }

    public void slowClientDropped() {
        slowClients.increment();
        reconnectionAsked(StreamFrames.SLOW_CLIENT);
    }

    private void reconnectionAsked(String reason) {
        reconnectionAttempts.computeIfAbsent(reason, tag -> Counter.builder("sse.reconnection.attempts")
                .description("Streams this gateway ended so that their clients reconnect, by reason")
                .tag("reason", tag)
                .register(meters)).increment();
    }
}
