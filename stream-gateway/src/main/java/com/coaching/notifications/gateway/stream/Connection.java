package com.coaching.notifications.gateway.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One open SSE stream of one user. Items come from several threads (the Kafka consumer, the heartbeat
 * ticker, the {@link CredentialExpiry} timer, shutdown); they are handed over without blocking and wait in a
 * bounded inbox. The stream merges the inbox with the catch-ups from the writer's history, and lets the
 * {@link ResumeSequencer} decide what goes out, at the pace the client's socket takes it. A client that
 * lets the inbox (or, during a catch-up, the held events) fill up is disconnected: its transport is hung
 * up, or, where that is not possible, its stream ends with {@link SlowClientException}.
 */
public final class Connection {

    private final String userId;
    /** Read and cleared by {@link CredentialExpiry}'s thread alone; null once the stream has been told, or if none. */
    private volatile Instant expiresAt;
    private final OptionalLong lastEventId;
    private final int bufferSize;
    private final Duration retry;
    private final LongFunction<Flux<StreamItem>> catchUp;
    private final long openedAtNanos = System.nanoTime();
    /** Unicast: one subscriber, the HTTP response. Bounded: offers beyond capacity fail with FAIL_OVERFLOW. */
    private final Sinks.Many<StreamItem> inbox;
    private final Sinks.One<Boolean> dropped = Sinks.one();
    private final AtomicBoolean tooSlow = new AtomicBoolean();
    private final BooleanSupplier hangUp;

    /**
     * @param userId      the authenticated user ({@code sub} of the token)
     * @param expiresAt   when the credential of this stream expires (the stream then ends with
     *                    {@code reauthenticate}, see {@link #expireIfDue}), or null if it does not
     * @param lastEventId the last seq the client has, to catch up from; empty for a new client
     * @param bufferSize  how many frames may wait for a slow client, and how many live events may wait
     *                    for a catch-up
     * @param retry       reconnection delay for a stream that ends because its missed events cannot be fetched
     * @param catchUp     the writer's history after a seq, ending with its outcome (with this stream's credential)
     * @param hangUp      closes the client's transport at once, when the client is too slow; returns false
     *                    if it could not, and the stream then ends with an error instead
     */
    public Connection(String userId, Instant expiresAt, OptionalLong lastEventId, int bufferSize, Duration retry,
            LongFunction<Flux<StreamItem>> catchUp, BooleanSupplier hangUp) {
        this.userId = userId;
        this.expiresAt = expiresAt;
        this.lastEventId = lastEventId;
        this.bufferSize = bufferSize;
        this.retry = retry;
        this.catchUp = catchUp;
        this.hangUp = hangUp;
        this.inbox = Sinks.many().unicast().onBackpressureBuffer(new FrameBuffer<>(bufferSize));
    }

    public String userId() {
        return userId;
    }

    public long openedAtNanos() {
        return openedAtNanos;
    }

    /** Queues a frame without a seq (ending the stream after it if it says so); see {@link #send(StreamItem)}. */
    public boolean send(SseFrame frame) {
        return send(new StreamItem.Control(frame));
    }

    /**
     * Queues an item for the client; never blocks. Returns false when it was not taken: the client has
     * gone, or is too slow and is being disconnected.
     */
    public boolean send(StreamItem item) {
        Sinks.EmitResult result;
        // A sink must not be emitted to from two threads at once; the lock is held only for the hand-over.
        synchronized (this) {
            result = inbox.tryEmitNext(item);
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

    /**
     * Tells the client to reauthenticate, ending the stream, once its credential has expired by {@code now};
     * later calls do nothing. Called by the one {@link CredentialExpiry} timer of all connections.
     */
    void expireIfDue(Instant now) {
        Instant expiry = expiresAt;
        if (expiry != null && !now.isBefore(expiry)) {
            expiresAt = null;
            send(new StreamItem.Reauthenticate());
        }
    }

    /**
     * The frames for the HTTP response; subscribe once. Ends after a frame that ends the stream, and with
     * {@link SlowClientException} for a slow client.
     */
    public Flux<SseFrame> frames() {
        return Flux.defer(() -> {
            // Only the sequencer asks for catch-ups, one item at a time, so this sink has one emitter at a time.
            // A small first chunk: the default one (256 slots) would sit idle in every connection.
            Sinks.Many<Long> catchUps = Sinks.many().unicast().onBackpressureBuffer(Queues.<Long>unbounded(8).get());
            ResumeSequencer sequencer = new ResumeSequencer(lastEventId, bufferSize, retry,
                    after -> catchUps.tryEmitNext(after), this::disconnectTooSlow);
            // Prefetch 1 throughout: items wait in the bounded inbox, not in operator queues.
            return Flux.merge(1, inbox.asFlux(), catchUps.asFlux().concatMap(catchUp::apply, 1))
                    .concatMapIterable(sequencer::accept, 1);
        })
                .takeUntil(SseFrame::endsStream)
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
