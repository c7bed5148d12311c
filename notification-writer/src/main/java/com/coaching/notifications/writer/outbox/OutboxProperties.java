package com.coaching.notifications.writer.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay ({@code notifications.outbox.*}).
 *
 * @param sweepInterval how often the relay looks for rows without being woken, for rows a crash or a
 *                      broker outage left behind (default 1s); commits wake it at once regardless
 * @param batchSize     rows published per relay transaction (default 100)
 * @param sendTimeout   the longest the relay waits for Kafka to acknowledge one batch (default 30s);
 *                      the producer's own {@code delivery.timeout.ms} normally ends the wait first
 */
@Validated
@ConfigurationProperties("notifications.outbox")
public record OutboxProperties(
        @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration sweepInterval,
        @DefaultValue("100") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 100) Duration sendTimeout) {
}
