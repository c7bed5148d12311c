package com.coaching.notifications.writer.requests;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The consumer of {@code notifications.requests} ({@code notifications.requests.*}); every other
 * {@code spring.kafka.consumer.*} setting applies too.
 *
 * @param groupId consumer group shared by all writer replicas (default {@code notification-writer})
 */
@Validated
@ConfigurationProperties("notifications.requests")
public record RequestsProperties(@DefaultValue("notification-writer") @NotBlank String groupId) {
}
