package com.coaching.notifications.gateway.web;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for the stream and its session endpoint, applied by the security filter chain (so preflights are
 * answered before authentication): only the configured origins, with credentials (the session cookie or
 * the Authorization header). With no origins configured there is no CORS mapping at all, and browsers
 * keep other origins out.
 */
@Configuration(proxyBeanMethods = false)
public class CorsConfiguration {

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (properties.allowedOrigins().isEmpty()) {
            return source;
        }
        org.springframework.web.cors.CorsConfiguration cors = new org.springframework.web.cors.CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowCredentials(true);
        cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, "Last-Event-ID", HttpHeaders.CACHE_CONTROL));
        cors.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
        cors.setMaxAge(Duration.ofHours(1));
        source.registerCorsConfiguration(StreamPaths.STREAM, cors);
        source.registerCorsConfiguration(StreamPaths.SESSION, cors);
        return source;
    }
}
