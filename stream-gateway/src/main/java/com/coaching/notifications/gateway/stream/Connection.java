package com.coaching.notifications.gateway.stream;

import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One open SSE stream of one user. Frames come from several threads (the Kafka consumer, the heartbeat
 * ticker, the request itself); they are handed over without blocking and wait in a bounded buffer until
 * the client's socket takes them. A client that lets the buffer fill up is disconnected: its transport is
 * hung up, or, where that is not possible, its stream ends with {@link SlowClientException}.
 */
public final class Connection {

    private final String userId;
    private final Instant expiresAt;
    private final int bufferSize;
    private final long openedAtNanos = System.nanoTime();
    /** Unicast: one subscriber, the HTTP response. Bounded: offers beyond capacity fail with FAIL_OVERFLOW. */
    private final Sinks.Many<SseFrame> sink;
    private final Sinks.One<Boolean> dropped = Sinks.one();
    private final AtomicBoolean tooSlow = new AtomicBoolean();
    private final BooleanSupplier hangUp;

    /**
     * @param userId     the authenticated user ({@code sub} of the token)
     * @param expiresAt  when the credential of this stream expires, or null if it does not
     * @param bufferSize how many frames may wait for a slow client
     * @param hangUp     closes the client's transport at once, when the client is too slow; returns false
     *                   if it could not, and the stream then ends with an error instead
     */
    public Connection(String userId, Instant expiresAt, int bufferSize, BooleanSupplier hangUp) {
        this.userId = userId;
        this.hangUp = hangUp;
        this.expiresAt = expiresAt;
        this.bufferSize = bufferSize;
        Queue<SseFrame> buffer = new ArrayBlockingQueue<>(bufferSize);
        this.sink = Sinks.many().unicast().onBackpressureBuffer(buffer);
    }

    public String userId() {
        return userId;
    }

    public long openedAtNanos() {
        return openedAtNanos;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /**
     * Queues a frame for the client; never blocks. Returns false when the frame was not taken: the client
     * has gone, or is too slow and is being disconnected.
     */
    public boolean send(SseFrame frame) {
        Sinks.EmitResult result;
        // A sink must not be emitted to from two threads at once; the lock is held only for the hand-over.
        synchronized (this) {
            result = sink.tryEmitNext(frame);
        }
        switch (result) {
            case OK -> {
                return true;
            }
            // Buffer full (with or without a subscriber yet): the client does not keep up.
            case FAIL_OVERFLOW, FAIL_ZERO_SUBSCRIBER -> disconnectTooSlow();
            // Client already gone or stream ended: the registry forgets the connection when its stream ends.
            case FAIL_CANCELLED, FAIL_TERMINATED -> { }
            // Cannot happen under the lock; failing loudly beats losing frames silently.
            case FAIL_NON_SERIALIZED -> throw new IllegalStateException("concurrent emission into " + this);
        }
        return false;
    }

    /** Ends the stream normally once the frames already queued are written (shutdown, expired credential). */
    public void close() {
        synchronized (this) {
            sink.tryEmitComplete();
        }
    }

    /** The frames for the HTTP response; subscribe once. Ends with {@link SlowClientException} for a slow client. */
    public Flux<SseFrame> frames() {
        return sink.asFlux()
                // Buffer full, client reads nothing, transport not hung up: stop at once rather than after draining.
                .takeUntilOther(dropped.asMono())
                .concatWith(Mono.defer(() -> tooSlow.get()
                        ? Mono.error(new SlowClientException(bufferSize))
                        : Mono.empty()));
    }

    private void disconnectTooSlow() {
        if (tooSlow.compareAndSet(false, true) && !hangUp.getAsBoolean()) {
            dropped.tryEmitValue(Boolean.TRUE);
        }
    }

    @Override
    public String toString() {
        return "Connection[user=" + userId + "]";
    }
}
