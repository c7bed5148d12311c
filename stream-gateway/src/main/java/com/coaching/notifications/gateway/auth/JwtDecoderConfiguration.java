package com.coaching.notifications.gateway.auth;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The access-token decoder, from Boot's standard {@code spring.security.oauth2.resourceserver.jwt.*}
 * properties: RS256 signature (key from {@code public-key-location}, else {@code jwk-set-uri}, else the
 * issuer's discovery document), expiry, issuer ({@code issuer-uri}) and audience ({@code audiences}).
 *
 * <p>Boot's own decoder is replaced because it does not check the issuer together with a public key: with
 * only {@code public-key-location} it checks no issuer, and with {@code issuer-uri} added it ignores the
 * key and fetches the issuer's discovery document instead. Issuer and audiences are required here; a
 * gateway that accepted tokens minted for any audience would not be safe.
 */
@Configuration(proxyBeanMethods = false)
public class JwtDecoderConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) throws Exception {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        String issuer = jwt.getIssuerUri();
        List<String> audiences = jwt.getAudiences();
        if (!StringUtils.hasText(issuer) || audiences == null || audiences.isEmpty()) {
            throw new IllegalStateException("Set spring.security.oauth2.resourceserver.jwt.issuer-uri and "
                    + ".audiences: every token is checked for the expected issuer and audience");
        }
        OAuth2TokenValidator<Jwt> validator = validator(issuer, audiences);

        if (jwt.getPublicKeyLocation() != null) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey(jwt.readPublicKey()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.getJwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        // Only the issuer is known: find its keys through discovery, on first use, so startup does not depend on it.
        return new SupplierReactiveJwtDecoder(() -> {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer)
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    /** Expiry and not-before (with the default clock skew), issuer, audience, and a subject to stream for. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtIssuerValidator(issuer));
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && !Collections.disjoint(aud, audiences)));
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, StringUtils::hasText));
        return JwtValidators.createDefaultWithValidators(validators);
    }

    private static RSAPublicKey publicKey(String pem) throws Exception {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
