package com.coaching.notifications.gateway.stream;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
    private final Ticker ticker;

    public Heartbeat(ConnectionRegistry registry, StreamProperties properties) {
        this.registry = registry;
        this.ticker = new Ticker("sse-heartbeat", properties.heartbeatInterval(), this::beat);
    }

    @Override
    public void start() {
        ticker.start();
    }

    @Override
    public void stop() {
        ticker.stop();
    }

    @Override
    public boolean isRunning() {
        return ticker.isRunning();
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
