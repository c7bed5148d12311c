package com.coaching.notifications.gateway.stream;

import java.util.OptionalLong;

/**
 * What reaches one connection, from any source, before its {@link ResumeSequencer} decides what the
 * client gets: frames of the gateway's own, live events from Kafka, and the outcome of a catch-up from
 * the writer's history. Immutable, so one item can go to every connection of a user.
 */
public sealed interface StreamItem {

    /** A frame without a seq (connected, heartbeat, shutdown): goes out as is, never held back. */
    record Control(SseFrame frame) implements StreamItem {
    }

    /** An event from the topic. */
    record Live(long seq, SseFrame frame) implements StreamItem {
    }

    /** An event from the writer's history, during a catch-up. */
    record History(long seq, SseFrame frame) implements StreamItem {
    }

    /** The catch-up has read every page of the history. */
    record CaughtUp() implements StreamItem {
    }

    /**
     * The history cannot go on from the client's last seq: those events were pruned (HTTP 410), or the seq is
     * ahead of the user's (a restored database, a client bug). {@code frame} is the {@code reset} that makes
     * the client reload its list; the stream goes on with live events. {@code lastSeq}: the user's last seq
     * where the reset names it (ahead), so that the list the client reloads holds every event up to it.
     */
    record HistoryReset(SseFrame frame, OptionalLong lastSeq) implements StreamItem {

        static HistoryReset pruned(SseFrame frame) {
            return new HistoryReset(frame, OptionalLong.empty());
        }

        static HistoryReset ahead(SseFrame frame, long lastSeq) {
            return new HistoryReset(frame, OptionalLong.of(lastSeq));
        }
    }

    /** The writer could not be asked (down, timed out, an unexpected answer): the stream cannot go on losslessly. */
    record WriterUnavailable() implements StreamItem {
    }

    /** The stream's credential has expired or was refused: the client must renew it and reconnect. */
    record Reauthenticate() implements StreamItem {
    }
}
