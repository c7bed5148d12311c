package com.coaching.notifications.audit;

import java.io.PrintStream;

/**
 * A progress line on stderr for long runs (on a terminal, or with {@code --progress}), redrawn at
 * most every quarter second so it costs nothing per record.
 */
final class Progress {

    private static final long EVERY_NANOS = 250_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final String what;
    private long expected;
    private long lastDrawn;
    private long done;

    Progress(PrintStream err, boolean enabled, String what) {
        this.err = err;
        this.enabled = enabled;
        this.what = what;
    }

    void expect(long records) {
        this.expected = records;
    }

    void update(long done) {
        this.done = done;
        long now = System.nanoTime();
        if (enabled && now - lastDrawn >= EVERY_NANOS) {
            lastDrawn = now;
            draw();
        }
    }

    /** Draws the final state, so the last line says how far it got. */
    void finish() {
        if (enabled) {
            draw();
            err.println();
        }
    }

    private void draw() {
        int percent = expected == 0 ? 100 : (int) Math.min(100, done * 100 / expected);
        int bar = percent / 5;
        err.printf("\r%s [%s%s] %3d%% %,d of %,d records", what, "#".repeat(bar), ".".repeat(20 - bar), percent, done, expected);
        err.flush();
    }
}
