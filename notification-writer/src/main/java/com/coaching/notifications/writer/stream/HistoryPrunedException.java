package com.coaching.notifications.writer.stream;

/** The events a caller asked for are partly gone from the history; answering with a gap would lose them silently. */
public class HistoryPrunedException extends RuntimeException {

    private final long oldestSeq;

    public HistoryPrunedException(long after, long oldestSeq) {
        super("Events after seq " + after + " are no longer kept; the oldest kept is " + oldestSeq + ".");
        this.oldestSeq = oldestSeq;
    }

    public long oldestSeq() {
        return oldestSeq;
    }
}
