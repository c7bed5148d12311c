package com.coaching.notifications.gateway.stream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, ends every open stream with a jittered reconnection delay, so clients spread over the other
 * replicas instead of all coming back at once, and the web server's graceful shutdown is not held up by
 * streams that would never end on their own. Runs before the web server stops (highest phase stops first).
 */
@Component
public class StreamShutdown implements SmartLifecycle {

    private final ConnectionRegistry registry;
    private final Duration retry;
    private volatile boolean running;

    public StreamShutdown(ConnectionRegistry registry, StreamProperties properties) {
        this.registry = registry;
        this.retry = properties.retry();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        long base = Math.max(retry.toMillis(), 1);
        // The retry frame ends each stream once the frames before it are written.
        registry.forEachUser((userId, connections) -> connections.forEach(connection -> connection.send(
                StreamFrames.reconnectIn(Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base)),
                        StreamFrames.SHUTDOWN))));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
