package com.coaching.notifications.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** What a replica answers for a stream it does not serve: the owner's address, or when to come back. */
class StreamRedirectsTest {

    private static final URI HERE = URI.create("http://gateway-1.test:8082");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RoutingProperties properties = new RoutingProperties(
            RoutingMode.PARTITION_AFFINE, "stream-gateway-affine", HERE, Duration.ofSeconds(2));
    private final PartitionOwnership ownership = new PartitionOwnership(properties);
    private final StreamRedirects redirects = new StreamRedirects(ownership, properties,
            new RoutingMetrics(meters, ownership));

    @Test
    void aStreamOwnedElsewhereIsRedirectedWithItsPathAndQueryAndThePartitionAsTheRoutingKey() {
        MockServerWebExchange exchange = exchange("/api/notifications/stream?lastEventId=41&partition=0&x=a%20b");

        redirects.answer(exchange, new Route.Elsewhere(2, URI.create("http://gateway-2.test:8083/gw")))
                .orElseThrow().block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TEMPORARY_REDIRECT);
        assertThat(exchange.getResponse().getHeaders().getLocation()).isEqualTo(URI.create(
                "http://gateway-2.test:8083/gw/api/notifications/stream?lastEventId=41&x=a%20b&partition=2"));
        assertThat(exchange.getResponse().getHeaders().getFirst(StreamRedirects.PARTITION_HEADER)).isEqualTo("2");
        assertThat(meters.get("sse.routing.redirects").tag("outcome", "redirected").counter().count()).isEqualTo(1);
    }

    @Test
    void aStreamWhosePartitionHasNoOwnerYetIsAskedToComeBackAsAProblem() {
        MockServerWebExchange exchange = exchange("/api/notifications/stream");

        redirects.answer(exchange, new Route.Nowhere(OptionalInt.of(1))).orElseThrow().block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().getFirst(StreamRedirects.PARTITION_HEADER)).isEqualTo("1");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":503");
        assertThat(meters.get("sse.routing.redirects").tag("outcome", "unavailable").counter().count()).isEqualTo(1);
    }

    @Test
    void aStreamServedHereIsLetThroughNamingItsPartition() {
        MockServerWebExchange exchange = exchange("/api/notifications/stream");

        assertThat(redirects.answer(exchange, new Route.Here(0))).isEmpty();

        assertThat(exchange.getResponse().getHeaders().getFirst(StreamRedirects.PARTITION_HEADER)).isEqualTo("0");
    }

    @Test
    void inBroadcastModeNothingChanges() {
        MockServerWebExchange exchange = exchange("/api/notifications/stream");

        assertThat(redirects.answer(exchange, new Route.Anywhere())).isEmpty();

        assertThat(exchange.getResponse().getHeaders().containsHeader(StreamRedirects.PARTITION_HEADER)).isFalse();
    }

    private static MockServerWebExchange exchange(String uri) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(uri)).build());
    }
}
