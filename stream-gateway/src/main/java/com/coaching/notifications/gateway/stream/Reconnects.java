package com.coaching.notifications.gateway.stream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Ends streams with a bare {@code retry:} frame, the delay jittered between {@code retry} and twice that, so that
 * their clients come back spread out (to another replica, or to the new owner of their partition) rather than all
 * at once, and resume with their last event id. Never blocks: each frame is queued, and ends its stream once the
 * frames before it are written.
 */
@Component
public class Reconnects {

    private final ConnectionRegistry registry;
    private final Duration retry;

    public Reconnects(ConnectionRegistry registry, StreamProperties properties) {
        this.registry = registry;
        this.retry = properties.retry();
    }

    /** Ends every open stream of the users {@code ofUser} accepts, for {@code reason} (the metric's tag). */
    public void endStreams(Predicate<String> ofUser, String reason) {
        registry.forEachUser((userId, connections) -> {
            if (ofUser.test(userId)) {
                connections.forEach(connection -> end(connection, reason));
            }
        });
    }

    /** Ends one stream, for {@code reason}. */
    public void end(Connection connection, String reason) {
        long base = Math.max(retry.toMillis(), 1);
        connection.send(StreamFrames.reconnectIn(
                Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base)), reason));
    }
}
