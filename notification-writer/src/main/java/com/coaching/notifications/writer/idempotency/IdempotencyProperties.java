package com.coaching.notifications.writer.idempotency;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Idempotency keys ({@code notifications.idempotency.*}).
 *
 * @param retention how long a key (and the response it replays) is kept (default 24h); a key used again
 *                  after that creates anew
 */
@Validated
@ConfigurationProperties("notifications.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") @NotNull @DurationMin(minutes = 1) Duration retention) {
}
