package com.coaching.notifications.writer.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Creating a notification takes a service token with scope {@code notifications:write};
 * a broadcast, which reaches up to 10000 users at once, takes {@code notifications:broadcast} as well, so
 * that a service allowed to notify its own users cannot also message everyone. Everything else takes any valid token and reads or changes the
 * subject's own notifications. Health and metrics are open for probes and scrapers.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    public static final String WRITE_AUTHORITY = "SCOPE_notifications:write";
    public static final String BROADCAST_AUTHORITY = "SCOPE_notifications:broadcast";

    /**
     * No observations of the filter chain, authentications or authorizations: a predicate that turns them
     * off still leaves a wrapper around every filter of every request, and the wrappers were a quarter of the
     * request threads' CPU on {@code POST /api/notifications}. The {@code http.server.requests} metrics come
     * from Spring MVC's own observation and stay.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemAuthenticationEntryPoint unauthorized,
                            ProblemAccessDeniedHandler forbidden) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/error").permitAll()
                        // The API description is public, like the API it describes.
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/notifications").hasAuthority(WRITE_AUTHORITY)
                        .requestMatchers(HttpMethod.POST, "/api/notifications/broadcast")
                                .hasAllAuthorities(WRITE_AUTHORITY, BROADCAST_AUTHORITY)
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                // Bearer tokens only: no session, no cookies, so no CSRF exposure.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }
}
