package com.coaching.notifications.writer.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers what another decoder (Spring Security's, with {@code AccessTokenPolicy}) made of a token
 * string, until that token's {@code exp}: a service sends the same token with every request for as long
 * as it lives, and its RS256 check was an eighth of the writer's CPU per request.
 *
 * <p>Only accepted tokens are kept, under their exact string, so any other string (another token, the same
 * claims with another signature) goes through the decoder. A kept token is never served at or past its
 * {@code exp}: from then on every use is decoded again and the policy (with its clock skew) decides, as it
 * would without the cache. What the cache does extend is the life of a key: a token signed by a key the
 * issuer has since revoked is still accepted until its own expiry.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> decoded;

    CachingJwtDecoder(JwtDecoder decoder, long maximumSize, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.decoded = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> remaining(jwt)))
                // Eviction on the calling thread: the bound holds whenever decode returns.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = decoded.get(token, decoder::decode);
        // Caffeine times entries with System.nanoTime, the policy reads exp on the wall clock; should the
        // two disagree (a clock set forward), the wall clock wins.
        if (remaining(jwt).isZero()) {
            decoded.invalidate(token);
            return decoder.decode(token);
        }
        return jwt;
    }

    /** How long the token may still be served from the cache; zero from its exp on. */
    private Duration remaining(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        Instant now = clock.instant();
        return expiresAt == null || !now.isBefore(expiresAt) ? Duration.ZERO : Duration.between(now, expiresAt);
    }
}
