package com.coaching.notifications.gateway.limits;

import com.coaching.notifications.gateway.web.StreamPaths;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits stream and session requests per client address (token bucket), before the token is checked, so
 * a flood costs no signature checks. The address is the client's ({@link ClientAddress}), also behind the
 * trusted proxies.
 */
@Component
@Order(ClientAddressRateLimit.ORDER)
public class ClientAddressRateLimit implements WebFilter {

    /** After the feature switch, before Spring Security's filter chain (-100). */
    public static final int ORDER = -200;

    private final AttemptRateLimiter addressAttempts;
    private final RejectionMetrics rejections;
    private final ClientAddress clientAddress;

    ClientAddressRateLimit(LimitsProperties properties, RejectionMetrics rejections, ClientAddress clientAddress) {
        this.addressAttempts = new AttemptRateLimiter(properties.addressAttemptBurst(),
                properties.addressAttemptsPerMinute(), System::nanoTime);
        this.rejections = rejections;
        this.clientAddress = clientAddress;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!StreamPaths.matches(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        return addressAttempts.tryAcquire(clientAddress.of(exchange.getRequest()))
                .map(wait -> rejections.counted(new Rejection(HttpStatus.TOO_MANY_REQUESTS, "address_attempts",
                        "Too many stream requests from this address; try again later.", wait)).write(exchange))
                .orElseGet(() -> chain.filter(exchange));
    }
}
