package com.coaching.notifications.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AttemptRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);
    /** Burst 3, then one every 2 s. */
    private final AttemptRateLimiter limiter = new AttemptRateLimiter(3, 30, now::get);

    @Test
    void burstIsAllowedThenTheNextAttemptLearnsHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("user-1")).isEmpty();
        }

        assertThat(limiter.tryAcquire("user-1")).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(1_999), Duration.ofSeconds(2)));
    }

    @Test
    void bucketsRefillAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("user-1");
        }
        now.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(limiter.tryAcquire("user-1")).isEmpty();
        assertThat(limiter.tryAcquire("user-1")).isPresent();
    }

    @Test
    void keysHaveBucketsOfTheirOwn() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("user-1");
        }

        assertThat(limiter.tryAcquire("user-2")).isEmpty();
    }

    @Test
    void refilledBucketsAreForgottenSoMemoryFollowsActiveKeys() {
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("user-" + i);
        }
        assertThat(limiter.trackedKeys()).isEqualTo(100);

        now.addAndGet(Duration.ofSeconds(7).toNanos());
        limiter.tryAcquire("user-new");

        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }
}
