package com.coaching.notifications.gateway.web;

import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the stream and its session endpoint: only the configured origins, with credentials (the
 * session cookie or the Authorization header). It runs before every other filter, so preflights are
 * answered before authentication, and refusals (the switch's 503, a limit's 429 with its exposed
 * {@code Retry-After}) are readable by an allowed page. With no origins configured there is no CORS
 * mapping at all, and browsers keep other origins out.
 */
@Component
public class StreamCorsFilter implements WebFilter, Ordered {

    private final CorsWebFilter cors;

    public StreamCorsFilter(CorsProperties properties) {
        this.cors = new CorsWebFilter(source(properties));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return cors.filter(exchange, chain);
    }

    @Override
    public int getOrder() {
        return SseFeatureSwitch.ORDER - 100;
    }

    static CorsConfigurationSource source(CorsProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (properties.allowedOrigins().isEmpty()) {
            return source;
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowCredentials(true);
        cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name(), HttpMethod.DELETE.name()));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, "Last-Event-ID", HttpHeaders.CACHE_CONTROL));
        cors.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
        cors.setMaxAge(Duration.ofHours(1));
        source.registerCorsConfiguration(StreamPaths.STREAM, cors);
        source.registerCorsConfiguration(StreamPaths.SESSION, cors);
        return source;
    }
}
