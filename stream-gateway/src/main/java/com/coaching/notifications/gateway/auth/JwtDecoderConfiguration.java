package com.coaching.notifications.gateway.auth;

import com.coaching.notifications.auth.AccessTokenPolicy;
import com.coaching.notifications.auth.AccessTokenProperties;
import com.coaching.notifications.auth.UserIdConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;

/** The reactive access-token decoder that applies {@link AccessTokenPolicy}, and the user id rule for subjects. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessTokenProperties.class)
@Import(UserIdConfiguration.class)
public class JwtDecoderConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties, AccessTokenProperties settings) {
        AccessTokenPolicy policy = AccessTokenPolicy.from(properties, settings);
        if (policy.publicKey().isPresent()) {
            return validating(NimbusReactiveJwtDecoder.withPublicKey(policy.publicKey().get())
                    .signatureAlgorithm(AccessTokenPolicy.ALGORITHM).build(), policy);
        }
        if (policy.jwkSetUri().isPresent()) {
            return validating(NimbusReactiveJwtDecoder.withJwkSetUri(policy.jwkSetUri().get())
                    .jwsAlgorithm(AccessTokenPolicy.ALGORITHM).build(), policy);
        }
        // Discovery on first use, so the service starts while the issuer is down.
        return new SupplierReactiveJwtDecoder(() -> validating(NimbusReactiveJwtDecoder.withIssuerLocation(policy.issuer())
                .jwsAlgorithm(AccessTokenPolicy.ALGORITHM).build(), policy));
    }

    private static NimbusReactiveJwtDecoder validating(NimbusReactiveJwtDecoder decoder, AccessTokenPolicy policy) {
        decoder.setJwtValidator(policy.validator());
        return decoder;
    }
}
