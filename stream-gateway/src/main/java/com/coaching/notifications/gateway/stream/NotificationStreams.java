package com.coaching.notifications.gateway.stream;

import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/** Opens a user's stream: registers its connection for the fan-out and forgets it the moment the stream ends. */
@Service
public class NotificationStreams {

    private static final Logger log = LoggerFactory.getLogger(NotificationStreams.class);

    private final ConnectionRegistry registry;
    private final StreamProperties properties;
    private final StreamMetrics metrics;

    public NotificationStreams(ConnectionRegistry registry, StreamProperties properties, StreamMetrics metrics) {
        this.registry = registry;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * The frames of a new stream for {@code userId}, starting with {@code connected}. Nothing is registered
     * until the response subscribes; cancel (client gone), completion and error all unregister.
     *
     * @param hangUp closes the client's transport, for a client too slow to keep up; false if it cannot
     */
    public Flux<SseFrame> open(String userId, Instant credentialExpiresAt, BooleanSupplier hangUp) {
        return Flux.defer(() -> {
            Connection connection = new Connection(userId, credentialExpiresAt, properties.bufferSize(), () -> {
                metrics.slowClientDropped();
                log.info("Disconnecting a stream of user {}: more than {} frames waiting for the client", userId,
                        properties.bufferSize());
                return hangUp.getAsBoolean();
            });
            // Queued before the connection is visible to other threads, so it is always the first frame.
            connection.send(StreamFrames.connected(userId, Instant.now(), properties.retry()));
            registry.add(connection);
            return connection.frames()
                    .doOnNext(metrics::sent)
                    .doFinally(signal -> {
                        registry.remove(connection);
                        metrics.closed(connection);
                    });
        });
    }
}
