package com.coaching.notifications.writer.security;

import com.coaching.notifications.auth.AccessTokenPolicy;
import com.coaching.notifications.auth.AccessTokenProperties;
import com.coaching.notifications.auth.UserIdConfiguration;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * The access-token decoder that applies {@link AccessTokenPolicy}, behind a cache of the tokens it accepted,
 * and the user id rule for ids and subjects.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccessTokenProperties.class, TokenCacheProperties.class})
@Import(UserIdConfiguration.class)
public class JwtDecoderConfiguration {

    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties, AccessTokenProperties settings,
                          TokenCacheProperties cache) {
        return new CachingJwtDecoder(policyDecoder(AccessTokenPolicy.from(properties, settings)),
                cache.maximumSize(), Clock.systemUTC());
    }

    private static JwtDecoder policyDecoder(AccessTokenPolicy policy) {
        if (policy.publicKey().isPresent()) {
            return validating(NimbusJwtDecoder.withPublicKey(policy.publicKey().get())
                    .signatureAlgorithm(AccessTokenPolicy.ALGORITHM).build(), policy);
        }
        if (policy.jwkSetUri().isPresent()) {
            return validating(NimbusJwtDecoder.withJwkSetUri(policy.jwkSetUri().get())
                    .jwsAlgorithm(AccessTokenPolicy.ALGORITHM).build(), policy);
        }
        // Discovery on first use, so the service starts while the issuer is down.
        return new SupplierJwtDecoder(() -> validating(NimbusJwtDecoder.withIssuerLocation(policy.issuer())
                .jwsAlgorithm(AccessTokenPolicy.ALGORITHM).build(), policy));
    }

    private static NimbusJwtDecoder validating(NimbusJwtDecoder decoder, AccessTokenPolicy policy) {
        decoder.setJwtValidator(policy.validator());
        return decoder;
    }
}
