package com.coaching.notifications.writer.stream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The history kept for resume ({@code notifications.history.*}).
 *
 * @param retention     how long an event stays in the history (default 7d)
 * @param maxPerUser    how many of a user's newest events stay at most (default 1000)
 * @param pruneInterval how often the history (and expired idempotency keys) are pruned (default 10m)
 */
@Validated
@ConfigurationProperties("notifications.history")
public record StreamHistoryProperties(
        @DefaultValue("7d") @NotNull @DurationMin(minutes = 1) Duration retention,
        @DefaultValue("1000") @Min(1) @Max(1_000_000) int maxPerUser,
        @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration pruneInterval) {
}
