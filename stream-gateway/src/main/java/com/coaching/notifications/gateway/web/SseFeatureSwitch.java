package com.coaching.notifications.gateway.web;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * With {@code notifications.sse.enabled=false}, the stream and its session endpoint answer 503 problem
 * details before anything else (no token is checked), so the front end falls back to polling.
 */
@Component
@Order(SseFeatureSwitch.ORDER)
public class SseFeatureSwitch implements WebFilter {

    /** Before Spring Security's filter chain (-100). */
    public static final int ORDER = -300;

    private final boolean enabled;

    public SseFeatureSwitch(SseFeatureProperties properties) {
        this.enabled = properties.enabled();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (enabled || !StreamPaths.matches(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        return ProblemResponse.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                "Real-time notifications are switched off; poll the notifications API instead.");
    }
}
