package com.coaching.notifications.gateway.limits;

import com.coaching.notifications.gateway.stream.Connection;
import com.coaching.notifications.gateway.stream.ConnectionRegistry;
import com.coaching.notifications.gateway.stream.StreamMetrics;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The per-user limits of this replica, applied once the user is known: how often a user may open a
 * stream (token bucket), how many streams a user may hold, and how many streams the replica holds in
 * all. Refusals are counted in {@code sse.connections.rejected} by {@code reason}.
 */
@Component
public class ConnectionLimits {

    private final LimitsProperties properties;
    private final ConnectionRegistry registry;
    private final StreamMetrics metrics;
    private final AttemptRateLimiter userAttempts;

    public ConnectionLimits(LimitsProperties properties, ConnectionRegistry registry, StreamMetrics metrics) {
        this.properties = properties;
        this.registry = registry;
        this.metrics = metrics;
        this.userAttempts = new AttemptRateLimiter(properties.userAttemptBurst(),
                properties.userAttemptsPerMinute(), System::nanoTime);
    }

    /** Counts a stream request of the user; refused when the user asks too often. */
    public Optional<Rejection> attempt(String userId) {
        return userAttempts.tryAcquire(userId).map(wait -> counted(new Rejection(HttpStatus.TOO_MANY_REQUESTS,
                "user_attempts", "Too many stream requests for this user; try again later.", wait)));
    }

    /** Registers the connection unless the user or this replica holds as many streams as allowed. */
    public Optional<Rejection> register(Connection connection) {
        return switch (registry.tryAdd(connection, properties.connectionsPerUser(), properties.connectionsPerReplica())) {
            case ADDED -> Optional.empty();
            case USER_FULL -> Optional.of(counted(new Rejection(HttpStatus.TOO_MANY_REQUESTS, "user_connections",
                    "This user already has " + properties.connectionsPerUser() + " open streams; close one first.",
                    properties.retryAfter())));
            case REPLICA_FULL -> Optional.of(counted(new Rejection(HttpStatus.SERVICE_UNAVAILABLE,
                    "replica_connections", "This server holds as many streams as it can; try again shortly.",
                    properties.retryAfter())));
        };
    }

    private Rejection counted(Rejection rejection) {
        metrics.rejected(rejection.reason());
        return rejection;
    }
}
