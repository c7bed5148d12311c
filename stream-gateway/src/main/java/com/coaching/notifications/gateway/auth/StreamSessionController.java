package com.coaching.notifications.gateway.auth;

import com.coaching.notifications.gateway.web.StreamPaths;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/notifications/stream/session}: trades a valid bearer token (header only) for the
 * {@link SessionCookie}, so a browser's EventSource, which cannot send headers, can open the stream.
 * Nothing is stored: the cookie is the token. {@code DELETE} on the same path expires the cookie; it
 * takes no credential at all, so a browser signs out even with an expired token.
 */
@RestController
public class StreamSessionController {

    private final SessionCookie cookie;

    public StreamSessionController(SessionCookie cookie) {
        this.cookie = cookie;
    }

    @PostMapping(StreamPaths.SESSION)
    @ResponseStatus(HttpStatus.NO_CONTENT) // states in the API description what the method sets
    public Mono<Void> open(@AuthenticationPrincipal Jwt jwt, ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.NO_CONTENT);
        response.getHeaders().setCacheControl("no-store");
        response.addCookie(cookie.issue(jwt.getTokenValue(), jwt.getExpiresAt(), Instant.now()));
        return response.setComplete();
    }

    @DeleteMapping(StreamPaths.SESSION)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements // none: see SecurityConfiguration
    public Mono<Void> close(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.NO_CONTENT);
        response.getHeaders().setCacheControl("no-store");
        response.addCookie(cookie.cleared());
        return response.setComplete();
    }
}
