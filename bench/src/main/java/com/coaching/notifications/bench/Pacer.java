package com.coaching.notifications.bench;

import java.util.concurrent.locks.LockSupport;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Emits 0..count-1 at a steady rate, item i due at start + i / rate, so a ramp or a send rate is what
 * the options say and does not drift with the work done per item. A consumer that cannot keep up
 * holds the pacer back (back-pressure) instead of letting work pile up unmeasured.
 */
final class Pacer {

    private Pacer() {
    }

    /** A rate of 0 or less means as fast as the consumer takes them. */
    static Flux<Integer> ticks(int count, double perSecond) {
        if (count <= 0) {
            return Flux.empty();
        }
        if (perSecond <= 0) {
            return Flux.range(0, count);
        }
        double intervalNanos = 1e9 / perSecond;
        Scheduler thread = Schedulers.newSingle("pacer", true);
        return Flux.<Integer, long[]>generate(() -> new long[] {System.nanoTime(), 0}, (state, sink) -> {
                    long i = state[1];
                    long wait = state[0] + (long) (i * intervalNanos) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    sink.next((int) i);
                    if (i + 1 == count) {
                        sink.complete();
                    }
                    state[1] = i + 1;
                    return state;
                })
                .subscribeOn(thread)
                .doFinally(s -> thread.dispose());
    }
}
