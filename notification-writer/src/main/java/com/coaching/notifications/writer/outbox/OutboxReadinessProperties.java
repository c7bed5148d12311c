package com.coaching.notifications.writer.outbox;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the relay counts as healthy for readiness ({@code notifications.outbox.readiness.*}).
 *
 * @param maxBacklog outbox rows beyond which the writer is not ready (default 100000): a broker outage only
 *                   delays delivery while the rows wait, but a backlog this deep means the relay cannot keep
 *                   up or cannot publish at all, and a replica that goes on taking changes only grows it
 */
@Validated
@ConfigurationProperties("notifications.outbox.readiness")
public record OutboxReadinessProperties(@DefaultValue("100000") @Min(1) long maxBacklog) {
}
