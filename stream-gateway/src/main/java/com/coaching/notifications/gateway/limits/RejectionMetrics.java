package com.coaching.notifications.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts the refusals of every limit in {@code sse.connections.rejected}, by {@code reason} and by the HTTP
 * {@code status} it answers (429 for a client asking too much, 503 for a full replica).
 */
@Component
class RejectionMetrics {

    private final MeterRegistry meters;
    private final Map<String, Counter> byReason = new ConcurrentHashMap<>();

    RejectionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts the refusal and hands it back. */
    Rejection counted(Rejection rejection) {
        byReason.computeIfAbsent(rejection.reason(), tag -> Counter.builder("sse.connections.rejected")
                .description("Stream requests refused by a limit")
                .tag("reason", tag)
                .tag("status", String.valueOf(rejection.status().value()))
                .register(meters)).increment();
        return rejection;
    }
}
