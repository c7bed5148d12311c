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
 * @param partitions    relay partitions (default 8): each row goes to {@link #partitionOf} its user id, and
 *                      one worker at a time, across all replicas, publishes a partition. Change it only
 *                      while the outbox is empty (writers stopped and drained): rows already written
 *                      keep their old partition, and two workers could then publish one user's rows
 *                      out of order
 * @param workers       relay threads per writer replica (default 2); more than {@code partitions} is useless
 * @param sweepInterval how often the relay looks for rows without being woken, for rows a crash, a broker
 *                      outage or another replica's lock left behind (default 1s); commits wake it at once
 * @param batchSize     rows published per relay transaction (default 100)
 * @param sendTimeout   the longest the relay waits for Kafka to acknowledge one batch (default 30s);
 *                      the producer's own {@code delivery.timeout.ms} normally ends the wait first
 */
@Validated
@ConfigurationProperties("notifications.outbox")
public record OutboxProperties(
        @DefaultValue("8") @Min(1) @Max(1024) int partitions,
        @DefaultValue("2") @Min(1) @Max(64) int workers,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration sweepInterval,
        @DefaultValue("100") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 100) Duration sendTimeout) {

    /** The relay partition of a user's rows. {@link String#hashCode} is fixed by the language, so every replica agrees. */
    public int partitionOf(String userId) {
        return Math.floorMod(userId.hashCode(), partitions);
    }
}
