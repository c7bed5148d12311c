package com.coaching.notifications.writer.topic;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The writer's topics (events, requests, dead-lettered requests) as it creates them on startup when they do not exist yet
 * ({@code notifications.topic.*}). An existing topic is left as it is.
 *
 * @param partitions        partitions (default 3); one user's events always land in one of them
 * @param retention         how long events stay readable, for replay and audits (default 30d)
 * @param replicationFactor replicas per partition; unset means the broker's
 *                          {@code default.replication.factor}
 */
@Validated
@ConfigurationProperties("notifications.topic")
public record TopicProperties(
        @DefaultValue("3") @Min(1) @Max(10_000) int partitions,
        @DefaultValue("30d") @NotNull @DurationMin(minutes = 1) Duration retention,
        @Min(1) @Max(Short.MAX_VALUE) Integer replicationFactor) {
}
