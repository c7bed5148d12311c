package com.coaching.notifications.gateway.auth;

import com.coaching.notifications.gateway.web.StreamPaths;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The stream-session cookie: the user's access token itself, so any replica checks it statelessly like a
 * bearer header. HttpOnly (page scripts cannot read it), SameSite=Strict (other sites cannot make the
 * browser send it), scoped to the stream path and living no longer than the token. Only the stream's
 * {@code GET} accepts it; everything else, the session endpoint included, needs the header.
 * {@link #cleared()} ends it on sign-out.
 */
@Component
public class SessionCookie {

    public static final String NAME = "notifications_stream";
    public static final String PATH = StreamPaths.STREAM;

    private final boolean secure;

    public SessionCookie(SessionCookieProperties properties) {
        this.secure = properties.secure();
    }

    /** The cookie for {@code token}, expiring with it ({@code Max-Age} 0 for a token at its end). */
    public ResponseCookie issue(String token, Instant tokenExpiresAt, Instant now) {
        Duration left = tokenExpiresAt == null ? Duration.ZERO : Duration.between(now, tokenExpiresAt);
        return cookie(token, left.isNegative() ? Duration.ZERO : Duration.ofSeconds(left.toSeconds()));
    }

    /**
     * Empty and {@code Max-Age=0}: the browser drops the cookie. Same name, path and flags as the one issued,
     * since a browser replaces only a cookie of the same name, domain and path.
     */
    public ResponseCookie cleared() {
        return cookie("", Duration.ZERO);
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value)
                .path(PATH)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .maxAge(maxAge)
                .build();
    }

    /** Whether the request ends the session: it needs no credential, so that an expired one can sign out. */
    public static boolean isSignOut(ServerHttpRequest request) {
        return request.getMethod() == HttpMethod.DELETE
                && StreamPaths.SESSION.equals(request.getPath().pathWithinApplication().value());
    }

    /** The token in the cookie, when the request is the stream's {@code GET} and carries one. */
    public static Optional<String> token(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET || !PATH.equals(request.getPath().pathWithinApplication().value())) {
            return Optional.empty();
        }
        HttpCookie cookie = request.getCookies().getFirst(NAME);
        return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }
}
