package com.coaching.notifications.gateway.stream;

import com.coaching.notifications.gateway.limits.ConnectionLimits;
import com.coaching.notifications.gateway.limits.ConnectionRefusedException;
import com.coaching.notifications.gateway.limits.Rejection;
import com.coaching.notifications.gateway.routing.PartitionOwnership;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/**
 * Admits and opens a user's streams. Admission happens here alone: every stream request spends one of the
 * user's attempts ({@link #attempt}), and a stream is registered for the fan-out only within the caps of
 * {@link ConnectionLimits}, checked atomically with the registration. Only once registered does the stream
 * ask the writer for what the client missed, so no event falls between the two; the connection is
 * forgotten the moment the stream ends.
 */
@Service
public class NotificationStreams {

    private static final Logger log = LoggerFactory.getLogger(NotificationStreams.class);

    private final ConnectionRegistry registry;
    private final StreamProperties properties;
    private final StreamMetrics metrics;
    private final ResumeCatchUp catchUp;
    private final ConnectionLimits limits;
    private final PartitionOwnership ownership;
    private final Reconnects reconnects;

    public NotificationStreams(ConnectionRegistry registry, StreamProperties properties, StreamMetrics metrics,
            ResumeCatchUp catchUp, ConnectionLimits limits, PartitionOwnership ownership, Reconnects reconnects) {
        this.registry = registry;
        this.properties = properties;
        this.metrics = metrics;
        this.catchUp = catchUp;
        this.limits = limits;
        this.ownership = ownership;
        this.reconnects = reconnects;
    }

    /**
     * Counts a stream request of the user, whatever comes of it; refused when the user asks too often.
     * Called for every request, before anything else about it is checked.
     */
    public Optional<Rejection> attempt(String userId) {
        return limits.attempt(userId);
    }

    /**
     * The frames of a new stream for {@code userId}, starting with {@code connected}. Nothing is registered
     * until the response subscribes; cancel (client gone), completion and error all unregister. When the
     * user or this replica already holds as many streams as allowed, the stream fails before its first
     * frame with {@link ConnectionRefusedException}.
     *
     * @param bearerToken the stream's credential, also used to read the user's history from the writer
     * @param lastEventId the last seq the client has; empty for a new client
     * @param hangUp      closes the client's transport, for a client too slow to keep up; false if it cannot
     * @param receivedAtNanos {@link System#nanoTime()} when the request arrived, for the establishment time
     */
    public Flux<SseFrame> open(String userId, String bearerToken, Instant credentialExpiresAt,
            OptionalLong lastEventId, BooleanSupplier hangUp, long receivedAtNanos) {
        return Flux.defer(() -> {
            Connection connection = new Connection(userId, credentialExpiresAt, lastEventId, properties.bufferSize(),
                    properties.retry(), after -> catchUp.after(after, bearerToken), () -> {
                        metrics.slowClientDropped();
                        log.info("Disconnecting a stream of user {}: more than {} frames waiting for the client",
                                userId, properties.bufferSize());
                        return hangUp.getAsBoolean();
                    });
            // Queued before the connection is visible to other threads, so it is always the first frame.
            connection.send(StreamFrames.connected(userId, Instant.now(), properties.retry()));
            Optional<Rejection> refused = switch (registry.tryAdd(connection, limits.connectionsPerUser(),
                    limits.connectionsPerReplica())) {
                case ADDED -> Optional.empty();
                case USER_FULL -> Optional.of(limits.userFull());
                case REPLICA_FULL -> Optional.of(limits.replicaFull());
            };
            if (refused.isPresent()) {
                return Flux.error(new ConnectionRefusedException(refused.get()));
            }
            // Partition-affine mode: a rebalance may have taken the user's partition since the request was routed
            // here. Its revocation updates the ownership before it visits the registry, so either it sees this
            // stream or this check sees the revocation; the client then resumes at the new owner.
            if (!ownership.servesHere(userId)) {
                reconnects.end(connection, StreamFrames.PARTITION_MOVED);
            }
            metrics.opened(receivedAtNanos);
            if (lastEventId.isPresent()) {
                metrics.resumed();
            }
            return connection.frames()
                    .doOnNext(metrics::sent)
                    .doFinally(signal -> {
                        registry.remove(connection);
                        metrics.closed(connection);
                    });
        });
    }
}
