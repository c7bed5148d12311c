package com.coaching.notifications.gateway.stream;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One ticker for all connections of this replica (not a timer per connection): every
 * {@code notifications.stream.heartbeat-interval} each open stream gets a {@code heartbeat} frame.
 */
@Component
public class Heartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final ConnectionRegistry registry;
    private final long intervalMillis;
    private volatile ScheduledExecutorService ticker;

    public Heartbeat(ConnectionRegistry registry, StreamProperties properties) {
        this.registry = registry;
        this.intervalMillis = properties.heartbeatInterval().toMillis();
    }

    @Override
    public synchronized void start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sse-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::beat, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    /** One beat; never throws, since an exception would cancel every later beat. */
    void beat() {
        try {
            Instant now = Instant.now();
            // A heartbeat says only the time and the user's connection count: encode each count once a
            // beat, not once for every user.
            Map<Integer, StreamItem> byCount = new HashMap<>();
            registry.forEachUser((userId, connections) -> {
                StreamItem heartbeat = byCount.computeIfAbsent(connections.size(),
                        count -> new StreamItem.Control(StreamFrames.heartbeat(now, count)));
                for (Connection connection : connections) {
                    connection.send(heartbeat);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Heartbeat failed; trying again next beat", e);
        }
    }
}
