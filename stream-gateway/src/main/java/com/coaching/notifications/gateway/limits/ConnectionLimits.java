package com.coaching.notifications.gateway.limits;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The per-user limits of this replica, applied once the user is known: how often a user may open a
 * stream (token bucket), how many streams a user may hold, and how many streams the replica holds in
 * all. The caps are enforced where the streams are registered, atomically with the registration; this
 * class says what they are and what a refusal answers. Refusals are counted in
 * {@code sse.connections.rejected} by {@code reason}.
 */
@Component
public class ConnectionLimits {

    private final LimitsProperties properties;
    private final RejectionMetrics rejections;
    private final AttemptRateLimiter userAttempts;

    ConnectionLimits(LimitsProperties properties, RejectionMetrics rejections) {
        this.properties = properties;
        this.rejections = rejections;
        this.userAttempts = new AttemptRateLimiter(properties.userAttemptBurst(),
                properties.userAttemptsPerMinute(), System::nanoTime);
    }

    /** Counts a stream request of the user; refused when the user asks too often. */
    public Optional<Rejection> attempt(String userId) {
        return userAttempts.tryAcquire(userId).map(wait -> rejections.counted(new Rejection(
                HttpStatus.TOO_MANY_REQUESTS, "user_attempts", "Too many stream requests for this user; try again later.",
                wait)));
    }

    /** Open streams one user may hold on this replica. */
    public int connectionsPerUser() {
        return properties.connectionsPerUser();
    }

    /** Open streams this replica may hold, all users. */
    public int connectionsPerReplica() {
        return properties.connectionsPerReplica();
    }

    /** The refusal of a stream of a user who already holds {@link #connectionsPerUser()}; counted. */
    public Rejection userFull() {
        return rejections.counted(new Rejection(HttpStatus.TOO_MANY_REQUESTS, "user_connections",
                "This user already has " + properties.connectionsPerUser() + " open streams; close one first.",
                properties.retryAfter()));
    }

    /** The refusal of a stream when this replica holds {@link #connectionsPerReplica()}; counted. */
    public Rejection replicaFull() {
        return rejections.counted(new Rejection(HttpStatus.SERVICE_UNAVAILABLE, "replica_connections",
                "This server holds as many streams as it can; try again shortly.", properties.retryAfter()));
    }
}
