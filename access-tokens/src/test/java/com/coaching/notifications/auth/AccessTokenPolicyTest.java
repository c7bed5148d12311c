package com.coaching.notifications.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coaching.notifications.testsupport.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class AccessTokenPolicyTest {

    /** The settings as a service binds them when none is given. */
    private static final AccessTokenProperties DEFAULTS = new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("notifications.access-tokens", AccessTokenProperties.class);

    @Test
    void theDefaultClockSkewIs30Seconds() {
        assertThat(DEFAULTS.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesATokenWithoutExpiry() {
        JwtDecoder decoder = decoder(AccessTokenPolicy.from(properties(TestTokens.publicKeyLocation()), DEFAULTS));

        assertThatThrownBy(() -> decoder.decode(TestTokens.token().withoutExpiry().sign()))
                .isInstanceOf(JwtException.class).hasMessageContaining("exp");
    }

    @Test
    void acceptsATokenExpiredWithinTheClockSkewAndRefusesOneBeyondIt() {
        JwtDecoder decoder = decoder(AccessTokenPolicy.from(properties(TestTokens.publicKeyLocation()), DEFAULTS));

        assertThat(decoder.decode(TestTokens.token().expiredAgo(Duration.ofSeconds(10)).sign()).getSubject()).isNotBlank();
        assertThatThrownBy(() -> decoder.decode(TestTokens.token().expiredAgo(Duration.ofSeconds(60)).sign()))
                .isInstanceOf(JwtException.class).hasMessageContaining("expired");
    }

    @Test
    void aSmallerClockSkewRefusesWhatTheDefaultAccepts() {
        JwtDecoder decoder = decoder(AccessTokenPolicy.from(properties(TestTokens.publicKeyLocation()),
                new AccessTokenProperties(Duration.ofSeconds(2))));

        assertThatThrownBy(() -> decoder.decode(TestTokens.token().expiredAgo(Duration.ofSeconds(10)).sign()))
                .isInstanceOf(JwtException.class).hasMessageContaining("expired");
    }

    @Test
    void acceptsAValidTokenAndRejectsEachWrongIssuerAudienceExpiryOrSubject() {
        JwtDecoder decoder = decoder(AccessTokenPolicy.from(properties(TestTokens.publicKeyLocation()), DEFAULTS));

        assertThat(decoder.decode(TestTokens.user("alice")).getSubject()).isEqualTo("alice");
        assertThatThrownBy(() -> decoder.decode(TestTokens.token().issuer("https://elsewhere.test").sign()))
                .isInstanceOf(JwtException.class).hasMessageContaining("iss");
        assertThatThrownBy(() -> decoder.decode(TestTokens.token().audience("billing").sign()))
                .isInstanceOf(JwtException.class).hasMessageContaining("aud");
        assertThatThrownBy(() -> decoder.decode(TestTokens.token().expiresAt(Instant.now().minusSeconds(600)).sign()))
                .isInstanceOf(JwtException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> decoder.decode(TestTokens.token().subject(" ").sign()))
                .isInstanceOf(JwtException.class).hasMessageContaining("sub");
        assertThatThrownBy(() -> decoder.decode(TestTokens.token().signedWithUnknownKey().sign()))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(TestTokens.unsigned("alice")))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void prefersThePublicKeyThenTheJwkSetUriThenDiscovery() {
        OAuth2ResourceServerProperties both = properties(TestTokens.publicKeyLocation());
        both.getJwt().setJwkSetUri("https://issuer.test/jwks.json");
        assertThat(AccessTokenPolicy.from(both, DEFAULTS).publicKey()).isPresent();

        OAuth2ResourceServerProperties jwks = properties(null);
        jwks.getJwt().setJwkSetUri("https://issuer.test/jwks.json");
        assertThat(AccessTokenPolicy.from(jwks, DEFAULTS).publicKey()).isEmpty();
        assertThat(AccessTokenPolicy.from(jwks, DEFAULTS).jwkSetUri()).contains("https://issuer.test/jwks.json");

        AccessTokenPolicy discovery = AccessTokenPolicy.from(properties(null), DEFAULTS);
        assertThat(discovery.publicKey()).isEmpty();
        assertThat(discovery.jwkSetUri()).isEmpty();
        assertThat(discovery.issuer()).isEqualTo(TestTokens.ISSUER);
    }

    @Test
    void refusesToStartWithoutIssuerOrAudiences() {
        OAuth2ResourceServerProperties noIssuer = properties(TestTokens.publicKeyLocation());
        noIssuer.getJwt().setIssuerUri(null);
        assertThatThrownBy(() -> AccessTokenPolicy.from(noIssuer, DEFAULTS)).hasMessageContaining("issuer-uri must be set");

        OAuth2ResourceServerProperties noAudience = properties(TestTokens.publicKeyLocation());
        noAudience.getJwt().setAudiences(List.of());
        assertThatThrownBy(() -> AccessTokenPolicy.from(noAudience, DEFAULTS)).hasMessageContaining("audiences must be set");
    }

    @Test
    void namesTheSettingWhenThePublicKeyFileIsNotAKey(@TempDir Path dir) throws Exception {
        Path notAKey = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n");

        assertThatThrownBy(() -> AccessTokenPolicy.from(properties(notAKey.toUri().toString()), DEFAULTS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("public-key-location");
    }

    private static JwtDecoder decoder(AccessTokenPolicy policy) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(policy.publicKey().orElseThrow())
                .signatureAlgorithm(AccessTokenPolicy.ALGORITHM).build();
        decoder.setJwtValidator(policy.validator());
        return decoder;
    }

    private static OAuth2ResourceServerProperties properties(String publicKeyLocation) {
        OAuth2ResourceServerProperties properties = new OAuth2ResourceServerProperties();
        properties.getJwt().setIssuerUri(TestTokens.ISSUER);
        properties.getJwt().setAudiences(List.of(TestTokens.AUDIENCE));
        if (publicKeyLocation != null) {
            properties.getJwt().setPublicKeyLocation(new DefaultResourceLoader().getResource(publicKeyLocation));
        }
        return properties;
    }
}
