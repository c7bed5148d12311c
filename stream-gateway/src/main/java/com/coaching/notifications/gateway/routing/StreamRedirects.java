package com.coaching.notifications.gateway.routing;

import com.coaching.notifications.gateway.web.ProblemResponse;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The answer to a stream request by its {@link Route}: served here, it goes on and names its partition
 * ({@value #PARTITION_HEADER}); owned elsewhere, 307 to the owner's advertised URL with the same path and query,
 * {@code partition} set, so a client that follows it carries the load balancer's routing key from then on; owned
 * by nobody (a rebalance), 503 with {@code Retry-After}. Nothing here blocks.
 */
@Component
public class StreamRedirects {

    /** Response header naming the user's partition, the routing key a load balancer can hash. */
    public static final String PARTITION_HEADER = "Notifications-Partition";
    /** Query parameter that carries the routing key; the gateway itself goes by the token's user, not by it. */
    public static final String PARTITION_PARAMETER = "partition";

    private final PartitionOwnership ownership;
    private final RoutingProperties properties;
    private final RoutingMetrics metrics;

    public StreamRedirects(PartitionOwnership ownership, RoutingProperties properties, RoutingMetrics metrics) {
        this.ownership = ownership;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** The route of {@code userId}'s stream now. */
    public Route route(String userId) {
        return ownership.route(userId);
    }

    /** The response that ends the request, or empty when the stream is served here. */
    public Optional<Mono<Void>> answer(ServerWebExchange exchange, Route route) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        if (route instanceof Route.Here here) {
            headers.set(PARTITION_HEADER, Integer.toString(here.partition()));
            return Optional.empty();
        }
        if (route instanceof Route.Elsewhere elsewhere) {
            metrics.redirected();
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatus.TEMPORARY_REDIRECT);
            headers.setLocation(location(exchange.getRequest(), elsewhere));
            headers.set(PARTITION_HEADER, Integer.toString(elsewhere.partition()));
            headers.setCacheControl("no-store");
            return Optional.of(response.setComplete());
        }
        if (route instanceof Route.Nowhere nowhere) {
            metrics.unavailable();
            long seconds = Math.max(1, properties.retryAfter().toSeconds());
            return Optional.of(ProblemResponse.write(exchange, ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE, "The partition of this stream is being handed over; try again"),
                    h -> {
                        h.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                        nowhere.partition().ifPresent(p -> h.set(PARTITION_HEADER, Integer.toString(p)));
                    }));
        }
        // Broadcast mode: every replica serves everyone, and the response stays as it always was.
        return Optional.empty();
    }

    private static URI location(ServerHttpRequest request, Route.Elsewhere elsewhere) {
        return UriComponentsBuilder.fromUri(elsewhere.owner())
                .path(request.getPath().value())
                .query(request.getURI().getRawQuery())
                .replaceQueryParam(PARTITION_PARAMETER, elsewhere.partition())
                .build(true)
                .toUri();
    }
}
