package com.coaching.notifications.writer.requests;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The consumer of {@code notifications.requests} ({@code notifications.requests.*}); every other
 * {@code spring.kafka.consumer.*} setting applies too.
 *
 * @param groupId                  consumer group shared by all writer replicas (default {@code notification-writer})
 * @param concurrency              consumers per writer replica (default 3, the topic's default partition count),
 *                                 each creating its partitions' requests in its own transactions; more than the
 *                                 topic's partitions is useless
 * @param retryInitialInterval     wait before the first retry of a request that failed for a reason that may pass
 *                                 (the database out of reach) or an unexpected one; doubled on every further retry
 *                                 (default 500ms)
 * @param retryMaxInterval         the longest wait between two retries (default 10s)
 * @param unexpectedFailureRetries retries of a request whose failure is neither known to pass nor known to be
 *                                 permanent (a bug), before it goes to the dead-letter topic (default 3)
 */
@Validated
@ConfigurationProperties("notifications.requests")
public record RequestsProperties(
        @DefaultValue("notification-writer") @NotBlank String groupId,
        @DefaultValue("3") @Min(1) @Max(64) int concurrency,
        @DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration retryInitialInterval,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration retryMaxInterval,
        @DefaultValue("3") @Min(0) @Max(100) int unexpectedFailureRetries) {
}
