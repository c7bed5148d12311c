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
 * @param batchSize     rows published per relay transaction (default 1000: at thousands of notifications a
 *                      second, 100 let the backlog grow to thousands of rows and change → acknowledgement
 *                      to seconds; see BENCHMARKS.md)
 * @param sendTimeout   the longest the relay waits for Kafka to acknowledge one batch (default 30s);
 *                      the producer's own {@code delivery.timeout.ms} normally ends the wait first
 * @param drainTimeout  on shutdown, after the web server and the request listener have stopped, the
 *                      longest the relay goes on publishing what was committed (default 10s); rows it
 *                      leaves are published by another replica's sweep or at the next start. 0 stops
 *                      without draining
 * @param poolSize      database connections of the relay's own pool, apart from the application's pool
 *                      that requests use, so that no burst of requests can keep the relay from
 *                      publishing (1..100); unset means {@code workers} + 1, a connection for each
 *                      worker and one for the backlog gauge (3 with the default 2 workers). Fewer
 *                      than that makes workers wait for each other
 */
@Validated
@ConfigurationProperties("notifications.outbox")
public record OutboxProperties(
        @DefaultValue("8") @Min(1) @Max(1024) int partitions,
        @DefaultValue("2") @Min(1) @Max(64) int workers,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration sweepInterval,
        @DefaultValue("1000") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 100) Duration sendTimeout,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 0) Duration drainTimeout,
        @Min(1) @Max(100) Integer poolSize) {

    public OutboxProperties {
        if (poolSize == null) {
            poolSize = workers + 1;
        }
    }

    /** The relay partition of a user's rows. {@link String#hashCode} is fixed by the language, so every replica agrees. */
    public int partitionOf(String userId) {
        return Math.floorMod(userId.hashCode(), partitions);
    }
}
