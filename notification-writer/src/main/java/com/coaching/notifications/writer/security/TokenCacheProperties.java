package com.coaching.notifications.writer.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The decoded access tokens the writer keeps ({@code notifications.token-cache.*}, see {@link CachingJwtDecoder}).
 *
 * @param maximumSize how many accepted tokens are kept at most, each until its {@code exp} (default 10000;
 *                    0 keeps none, so every request's token is verified again). The least useful go first
 *                    when it is full, so many end users' tokens cannot crowd out the services' few
 */
@Validated
@ConfigurationProperties("notifications.token-cache")
public record TokenCacheProperties(@DefaultValue("10000") @Min(0) @Max(1_000_000) long maximumSize) {
}
