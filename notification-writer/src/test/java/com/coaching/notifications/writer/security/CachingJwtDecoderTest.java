package com.coaching.notifications.writer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.auth.AccessTokenPolicy;
import com.coaching.notifications.auth.AccessTokenProperties;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The cache in front of the real RS256 decoder and the project's token policy (no clock skew here, so
 * that the policy refuses a token the moment it expires): it saves the decoding of a token string seen
 * before, and nothing else.
 */
class CachingJwtDecoderTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private final JwtDecoder counting = countingDecoder();

    @Test
    void theSameTokenStringIsDecodedOnce() {
        JwtDecoder cached = new CachingJwtDecoder(counting, 100, Clock.systemUTC());
        String token = TestTokens.service("notifications:write");

        String first = cached.decode(token).getSubject();
        String second = cached.decode(token).getSubject();

        assertThat(second).isEqualTo(first);
        assertThat(decodes).hasValue(1);
    }

    @Test
    void aDifferentTokenStringIsDecodedAnew() {
        JwtDecoder cached = new CachingJwtDecoder(counting, 100, Clock.systemUTC());
        String token = TestTokens.service("notifications:write");
        cached.decode(token);
        // The same header and claims with a signature that is no longer the issuer's.
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThat(cached.decode(TestTokens.service("notifications:write")).getSubject()).startsWith("service-");
        assertThatThrownBy(() -> cached.decode(tampered)).isInstanceOf(BadJwtException.class);
        assertThat(decodes).hasValue(3);
    }

    @Test
    void aCachedTokenPastItsExpiryIsRefused() {
        JwtDecoder cached = new CachingJwtDecoder(counting, 100, Clock.systemUTC());
        String token = TestTokens.token().expiresAt(Instant.now().plusSeconds(2)).sign();
        cached.decode(token);
        cached.decode(token);
        assertThat(decodes).as("served from the cache while valid").hasValue(1);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThatThrownBy(() -> cached.decode(token)).isInstanceOf(JwtValidationException.class));
    }

    @Test
    void aTokenIsNotServedPastItsExpiryEvenIfTheWallClockJumps() {
        // Caffeine times entries with System.nanoTime; exp is wall-clock time, as the policy reads it.
        MovableClock clock = new MovableClock();
        JwtDecoder cached = new CachingJwtDecoder(counting, 100, clock);
        String token = TestTokens.token().expiresAt(Instant.now().plusSeconds(60)).sign();
        cached.decode(token);

        clock.advance(Duration.ofSeconds(61));
        cached.decode(token);

        assertThat(decodes).as("decoded again once the cached token's exp had passed").hasValue(2);
    }

    @Test
    void theCacheHoldsNoMoreTokensThanItsBound() {
        JwtDecoder cached = new CachingJwtDecoder(counting, 2, Clock.systemUTC());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(TestTokens.service("notifications:write"));
        }
        tokens.forEach(cached::decode);
        decodes.set(0);

        tokens.forEach(cached::decode);

        assertThat(decodes.get()).as("at most 2 of 10 tokens still cached").isGreaterThanOrEqualTo(8);
    }

    private JwtDecoder countingDecoder() {
        OAuth2ResourceServerProperties properties = new OAuth2ResourceServerProperties();
        properties.getJwt().setIssuerUri(TestTokens.ISSUER);
        properties.getJwt().setAudiences(List.of(TestTokens.AUDIENCE));
        properties.getJwt().setPublicKeyLocation(new DefaultResourceLoader().getResource(TestTokens.publicKeyLocation()));
        AccessTokenPolicy policy = AccessTokenPolicy.from(properties, new AccessTokenProperties(Duration.ZERO));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(policy.publicKey().orElseThrow())
                .signatureAlgorithm(AccessTokenPolicy.ALGORITHM).build();
        nimbus.setJwtValidator(policy.validator());
        return token -> {
            decodes.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    /** A wall clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
