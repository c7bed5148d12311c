package com.coaching.notifications.gateway.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Decides, for one connection, which events the client gets and in which order, so that it sees every
 * seq once, ascending, without gaps: events at or below the last one sent are dropped (duplicates), and
 * when an event would leave a gap, live events are held back while the missed ones are fetched from the
 * writer's history (a catch-up), then sent in order. A connection opened with a last event id starts
 * with such a catch-up. Frames without a seq pass straight through.
 *
 * <p>Not thread-safe: called only from the connection's pipeline, which delivers items one at a time.
 */
final class ResumeSequencer {

    private static final long UNKNOWN = -1;

    private final int holdLimit;
    private final Duration retry;
    private final LongConsumer catchUp;
    private final Runnable overflow;
    /** Live events waiting for a catch-up to end, by seq. */
    private final TreeMap<Long, SseFrame> held = new TreeMap<>();
    private long lastSent;
    private long catchUpFrom;
    private boolean catchingUp;
    private boolean ended;

    /**
     * @param lastEventId where the client stands; empty for a new client (its first live event sets the start)
     * @param holdLimit   live events that may wait during a catch-up; one more is a client too slow to serve
     * @param retry       reconnection delay sent when the stream must end because the writer cannot be asked
     * @param catchUp     starts fetching the history after the given seq; its items come back through {@link #accept}
     * @param overflow    called once when more than {@code holdLimit} events wait
     */
    ResumeSequencer(OptionalLong lastEventId, int holdLimit, Duration retry, LongConsumer catchUp, Runnable overflow) {
        this.holdLimit = holdLimit;
        this.retry = retry;
        this.catchUp = catchUp;
        this.overflow = overflow;
        this.lastSent = lastEventId.orElse(UNKNOWN);
        if (lastEventId.isPresent()) {
            startCatchUp();
        }
    }

    /** The frames to send now, in order, for one item; none while the item has to wait. */
    List<SseFrame> accept(StreamItem item) {
        if (ended) {
            return List.of();
        }
        if (item instanceof StreamItem.Control control) {
            return send(control.frame());
        }
        if (item instanceof StreamItem.Live live) {
            return live(live.seq(), live.frame());
        }
        if (item instanceof StreamItem.History history) {
            return history(history.seq(), history.frame());
        }
        if (item instanceof StreamItem.CaughtUp) {
            catchingUp = false;
            return drain(new ArrayList<>());
        }
        if (item instanceof StreamItem.HistoryReset reset) {
            // The client reloads its list, which holds every event up to the last seq the reset names: what is
            // held goes out after the reset from there on, or, where it names none (pruned), from the first held.
            catchingUp = false;
            lastSent = reset.lastSeq().orElse(UNKNOWN);
            List<SseFrame> out = new ArrayList<>();
            out.add(reset.frame());
            return drain(out);
        }
        if (item instanceof StreamItem.WriterUnavailable) {
            return send(StreamFrames.reconnectIn(retry, StreamFrames.HISTORY_UNAVAILABLE));
        }
        if (item instanceof StreamItem.Reauthenticate) {
            return send(StreamFrames.reauthenticate());
        }
        throw new IllegalArgumentException("unknown stream item " + item);
    }

    private List<SseFrame> live(long seq, SseFrame frame) {
        if (catchingUp) {
            hold(seq, frame);
            return List.of();
        }
        if (lastSent == UNKNOWN || seq == lastSent + 1) {
            lastSent = seq;
            return List.of(frame);
        }
        if (seq <= lastSent) {
            return List.of();
        }
        hold(seq, frame);
        startCatchUp();
        return List.of();
    }

    private List<SseFrame> history(long seq, SseFrame frame) {
        if (lastSent != UNKNOWN && seq <= lastSent) {
            return List.of();
        }
        lastSent = seq;
        return List.of(frame);
    }

    /** Sends the held events that follow on; at a remaining gap, catches up again, or ends if the last one got nowhere. */
    private List<SseFrame> drain(List<SseFrame> out) {
        while (!held.isEmpty()) {
            Map.Entry<Long, SseFrame> next = held.firstEntry();
            long seq = next.getKey();
            if (lastSent != UNKNOWN && seq <= lastSent) {
                held.pollFirstEntry();
            } else if (lastSent == UNKNOWN || seq == lastSent + 1) {
                held.pollFirstEntry();
                lastSent = seq;
                out.add(next.getValue());
            } else if (lastSent == catchUpFrom) {
                // The writer does not have what the topic already delivered (a lagging read, say): rather than
                // skip events or ask again at once, end, and let the client resume from its last id shortly.
                held.clear();
                out.add(StreamFrames.reconnectIn(retry, StreamFrames.HISTORY_UNAVAILABLE));
                ended = true;
                return out;
            } else {
                startCatchUp();
                return out;
            }
        }
        return out;
    }

    private void hold(long seq, SseFrame frame) {
        // Kept even at or below the last one sent: if the catch-up finds that seq ahead of the user's, these are
        // the user's next events. Duplicates are dropped when the held events go out.
        held.put(seq, frame);
        if (held.size() > holdLimit) {
            held.clear();
            ended = true;
            overflow.run();
        }
    }

    private void startCatchUp() {
        catchingUp = true;
        catchUpFrom = lastSent;
        catchUp.accept(lastSent);
    }

    private List<SseFrame> send(SseFrame frame) {
        if (frame.endsStream()) {
            ended = true;
        }
        return List.of(frame);
    }
}
