package com.coaching.notifications.gateway.auth;

import com.coaching.notifications.gateway.web.StreamPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Stateless bearer-token resource server: every request except health and metrics needs a valid JWT
 * ({@link JwtDecoderConfiguration}) in the {@code Authorization} header, or for the stream only in the
 * {@link SessionCookie} ({@link StreamCredentialConverter}). No server session, no login page. No CSRF
 * token: the only request a cookie authenticates is the stream's {@code GET}, which changes nothing, and
 * the cookie is {@code SameSite=Strict}; the session's {@code DELETE} only clears the cookie, and no other
 * origin than the configured ones may send it (a {@code DELETE} needs a CORS preflight). CORS is handled
 * before this chain ({@code web.StreamCorsFilter}).
 * Actuator endpoints are meant for the cluster network; put them on {@code management.server.port}
 * when the gateway's port is public.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
            ProblemAuthenticationEntryPoint entryPoint) {
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        // The API description is public, like the API it describes.
                        .pathMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        // Signing out clears the cookie and needs no credential (StreamCredentialConverter reads none).
                        .pathMatchers(HttpMethod.DELETE, StreamPaths.SESSION).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(new StreamCredentialConverter())
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(entryPoint))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .build();
    }
}
