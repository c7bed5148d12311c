package com.coaching.notifications.gateway.limits;

import com.coaching.notifications.gateway.web.ProblemResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A stream request refused by a limit: 429 (this client or user asks too much) or 503 (this replica is
 * full), always with {@code Retry-After}.
 *
 * @param reason the tag of the {@code sse.connections.rejected} metric
 */
public record Rejection(HttpStatus status, String reason, String detail, Duration retryAfter) {

    /** Writes the problem response, {@code Retry-After} in whole seconds, at least 1. */
    public Mono<Void> write(ServerWebExchange exchange) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return ProblemResponse.write(exchange, ProblemDetail.forStatusAndDetail(status, detail),
                headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }
}
