package com.coaching.notifications.auth;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What both services accept of a token's timestamps ({@code notifications.access-tokens.*}), beside the
 * standard {@code spring.security.oauth2.resourceserver.jwt.*} settings that {@link AccessTokenPolicy} reads.
 *
 * @param clockSkew how far the clocks of issuer and service may disagree (default 30s): a token is still
 *                  accepted this long after its {@code exp} and this long before its {@code nbf}. At most 5m,
 *                  since every second of it lengthens the life of a stolen token
 */
@Validated
@ConfigurationProperties("notifications.access-tokens")
public record AccessTokenProperties(
        @DefaultValue("30s") @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 5) Duration clockSkew) {
}
