package com.coaching.notifications.auth;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.util.StringUtils;

/**
 * What both services require of an access token, read from Spring Boot's standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties: an RS256 signature by the configured
 * key ({@code public-key-location}, else {@code jwk-set-uri}, else the issuer's discovery document),
 * an expiry (required: a token without one would be valid for ever) and a not-before, both checked with the
 * clock skew of {@link AccessTokenProperties}, the issuer {@code issuer-uri}, one of {@code audiences}, and a
 * subject.
 *
 * <p>Boot's own decoder cannot be used as is: with only {@code public-key-location} it checks no issuer,
 * and with {@code issuer-uri} added it ignores the key and fetches the issuer's discovery document
 * instead. Issuer and audiences are required: a service that accepted tokens minted for any audience
 * would not be safe, so a missing setting stops the service at startup.
 */
public final class AccessTokenPolicy {

    public static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.RS256;

    private final String issuer;
    private final List<String> audiences;
    private final RSAPublicKey publicKey;
    private final String jwkSetUri;
    private final Duration clockSkew;

    private AccessTokenPolicy(String issuer, List<String> audiences, RSAPublicKey publicKey, String jwkSetUri,
                              Duration clockSkew) {
        this.issuer = issuer;
        this.audiences = List.copyOf(audiences);
        this.publicKey = publicKey;
        this.jwkSetUri = jwkSetUri;
        this.clockSkew = clockSkew;
    }

    public static AccessTokenPolicy from(OAuth2ResourceServerProperties properties, AccessTokenProperties settings) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        String issuer = jwt.getIssuerUri();
        List<String> audiences = jwt.getAudiences() == null ? List.of() : jwt.getAudiences();
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.issuer-uri must be set: "
                    + "every token is checked for the expected issuer");
        }
        if (audiences.isEmpty()) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.audiences must be set: "
                    + "every token is checked for the expected audience");
        }
        RSAPublicKey key = jwt.getPublicKeyLocation() != null ? readPublicKey(jwt) : null;
        String jwks = StringUtils.hasText(jwt.getJwkSetUri()) ? jwt.getJwkSetUri() : null;
        return new AccessTokenPolicy(issuer, audiences, key, jwks, settings.clockSkew());
    }

    /** The configured public key; first choice of key source. */
    public Optional<RSAPublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    /** The configured JWK set URI; used when there is no public key. */
    public Optional<String> jwkSetUri() {
        return Optional.ofNullable(jwkSetUri);
    }

    /** The expected issuer; its discovery document gives the keys when neither of the above is set. */
    public String issuer() {
        return issuer;
    }

    /** A required expiry, expiry and not-before within the clock skew, issuer, audience, and a non-empty subject. */
    public OAuth2TokenValidator<Jwt> validator() {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // The timestamp validator passes a token that has no exp at all.
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        validators.add(new JwtTimestampValidator(clockSkew));
        validators.add(new JwtIssuerValidator(issuer));
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && !Collections.disjoint(aud, audiences)));
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, StringUtils::hasText));
        return JwtValidators.createDefaultWithValidators(validators);
    }

    private static RSAPublicKey readPublicKey(OAuth2ResourceServerProperties.Jwt jwt) {
        try {
            String base64 = jwt.readPublicKey()
                    .replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "");
            byte[] der = Base64.getMimeDecoder().decode(base64);
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.public-key-location ("
                    + jwt.getPublicKeyLocation() + ") is not a readable PEM RSA public key: " + e.getMessage(), e);
        }
    }
}
