package com.coaching.notifications.writer.housekeeping;

import com.coaching.notifications.writer.idempotency.IdempotencyKeys;
import com.coaching.notifications.writer.stream.StreamHistory;
import com.coaching.notifications.writer.stream.StreamHistoryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Prunes the stream history and expired idempotency keys every
 * {@code notifications.history.prune-interval}. Every replica runs it; the deletes are idempotent, so
 * replicas running at once do no harm.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class Housekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final StreamHistory history;
    private final IdempotencyKeys keys;
    private final StreamHistoryProperties properties;

    public Housekeeping(StreamHistory history, IdempotencyKeys keys, StreamHistoryProperties properties) {
        this.history = history;
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::prune, properties.pruneInterval());
    }

    void prune() {
        try {
            int events = history.prune();
            int expiredKeys = keys.prune();
            log.debug("Pruned {} history events and {} idempotency keys", events, expiredKeys);
        } catch (RuntimeException e) {
            log.warn("Pruning failed, trying again in {}: {}", properties.pruneInterval(), e.toString());
        }
    }
}
