package com.coaching.notifications.gateway.limits;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a user, a client address): {@code burst} attempts at once, refilled at
 * {@code perMinute}. Never blocks: a refused attempt learns how long until it would be allowed. A bucket
 * that has refilled is the same as none, so full buckets are forgotten now and then, and memory follows
 * the keys active in the last refill period.
 */
public final class AttemptRateLimiter {

    private record Bucket(double tokens, long atNanos) {
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final double tokensPerNano;
    private final long refillNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong nextSweep;

    public AttemptRateLimiter(int burst, int perMinute, LongSupplier nanoClock) {
        this.capacity = burst;
        this.tokensPerNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        this.refillNanos = (long) Math.ceil(capacity / tokensPerNano);
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + refillNanos);
    }

    /** Takes one attempt for {@code key}: empty if allowed, else how long until one would be. */
    public Optional<Duration> tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        Duration[] wait = new Duration[1];
        buckets.compute(key, (k, bucket) -> {
            double tokens = bucket == null ? capacity : tokensAt(bucket, now);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
            return new Bucket(tokens, now);
        });
        return Optional.ofNullable(wait[0]);
    }

    /** Keys with a bucket, for tests of the forgetting. */
    int trackedKeys() {
        return buckets.size();
    }

    private double tokensAt(Bucket bucket, long now) {
        return Math.min(capacity, bucket.tokens() + (now - bucket.atNanos()) * tokensPerNano);
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + refillNanos)) {
            buckets.values().removeIf(bucket -> tokensAt(bucket, now) >= capacity);
        }
    }
}
