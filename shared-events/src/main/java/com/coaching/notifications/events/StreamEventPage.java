package com.coaching.notifications.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A page of a user's stream history after a sequence number, in seq order
 * ({@code GET /api/notifications/events?after=&limit=&max_bytes=}).
 *
 * <p>A page holds at most {@code limit} events and, serialised, at most {@code max_bytes} bytes, except
 * that it always holds at least one event when there is one: a single event may exceed a small budget,
 * but never {@link StreamEvent#MAX_DATA_BYTES}. So a reader that asks with a budget never needs to buffer
 * more than {@link #largestBody(int)}.
 *
 * @param events    the events, seq ascending, without gaps
 * @param lastSeq   the user's newest seq when the page was read
 * @param hasMore   whether events after the last one on this page exist
 * @param oldestSeq the oldest seq the history still holds for the user ({@code lastSeq} + 1 when it holds
 *                  none), read with {@code lastSeq}; null from a writer that does not send it
 */
public record StreamEventPage(
        List<StreamEvent> events,
        @JsonProperty("last_seq") long lastSeq,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("oldest_seq") Long oldestSeq) {

    /** The most events a page may be asked for ({@code limit}); writers refuse more, gateways may not ask for more. */
    public static final int MAX_LIMIT = 1000;

    /** The smallest byte budget ({@code max_bytes}) a page may be asked for. */
    public static final int MIN_BUDGET_BYTES = 1024;

    /** The largest byte budget a page may be asked for, and the one a writer applies when none is given. */
    public static final int MAX_BUDGET_BYTES = 1024 * 1024;

    /**
     * Bytes a page takes around its events, at most: {@code {"events":[],"last_seq":…,"has_more":false,
     * "oldest_seq":…}} with both numbers of 19 digits is 95.
     */
    public static final int PAGE_FRAMING_BYTES = 128;

    /**
     * Bytes one event takes around its data, at most: {@code {"seq":…,"event":"…","data":}} with a 19-digit
     * seq and the longest event name ({@code notification.all_read}), plus the comma before it, is 68.
     */
    public static final int EVENT_FRAMING_BYTES = 96;

    /**
     * The most bytes a page asked for with {@code budget} can take: the budget, or a single event of the
     * largest size in its page, whichever is more (here simply their sum).
     */
    public static int largestBody(int budget) {
        return budget + PAGE_FRAMING_BYTES + EVENT_FRAMING_BYTES + StreamEvent.MAX_DATA_BYTES;
    }
}
