package com.coaching.notifications.writer.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code outboxRelay} health, part of readiness: UP while the relay runs and the outbox holds at most
 * {@code notifications.outbox.readiness.max-backlog} rows, so the backlog cannot grow without bound behind
 * a replica that keeps taking changes.
 */
@Component
class OutboxRelayHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;
    private final OutboxBacklog backlog;
    private final OutboxReadinessProperties properties;

    OutboxRelayHealthIndicator(OutboxRelay relay, OutboxBacklog backlog, OutboxReadinessProperties properties) {
        this.relay = relay;
        this.backlog = backlog;
        this.properties = properties;
    }

    @Override
    public Health health() {
        long rows = backlog.size();
        boolean healthy = relay.isRunning() && rows <= properties.maxBacklog();
        return (healthy ? Health.up() : Health.down())
                .withDetail("running", relay.isRunning())
                .withDetail("backlog", rows)
                .withDetail("maxBacklog", properties.maxBacklog())
                .build();
    }
}
