package com.coaching.notifications.bench;

import java.util.BitSet;

/**
 * The stream sequence numbers one connection has seen. Every scenario uses fresh users, so a user's
 * stream must carry exactly seqs 1..expected, each once and in order; anything else is counted:
 * a seq seen again is a duplicate, a lower seq after a higher one is out of order, a seq outside
 * 1..expected is unexpected, and what never came is missing.
 */
final class SeqTracker {

    private final BitSet seen = new BitSet();
    private long highest;
    private int duplicates;
    private int outOfOrder;
    private int unexpected;

    /** Records {@code seq}; true when it is a first sighting of a seq in 1..expected. */
    synchronized boolean record(long seq, int expected) {
        if (seq < highest) {
            outOfOrder++;
        }
        highest = Math.max(highest, seq);
        if (seq < 1 || seq > expected) {
            unexpected++;
            return false;
        }
        if (seen.get((int) seq)) {
            duplicates++;
            return false;
        }
        seen.set((int) seq);
        return true;
    }

    synchronized int missing(int expected) {
        return expected - seen.get(1, expected + 1).cardinality();
    }

    synchronized int duplicates() {
        return duplicates;
    }

    synchronized int outOfOrder() {
        return outOfOrder;
    }

    synchronized int unexpected() {
        return unexpected;
    }
}
