package com.coaching.notifications.events;

import tools.jackson.databind.JsonNode;

/**
 * One event of a user's stream as the writer's history returns it ({@code GET /api/notifications/events}):
 * the SSE frame it was or would have been, so a gateway can replay it unchanged.
 *
 * @param seq   the user's stream sequence (the SSE {@code id:})
 * @param event the SSE event name ({@link EventType#sseName()})
 * @param data  the event data, exactly as on the topic
 */
public record StreamEvent(long seq, String event, JsonNode data) {

    /**
     * The most bytes the data of one event can take, serialised. The largest is a {@code notification.created}
     * with every text at the writer's limit (user id 255 characters, title 200, message 2000) in characters that
     * JSON escapes to six bytes each, and 4096 bytes of metadata: 19,056 bytes with a one-digit seq. The writer's
     * tests build that event and check it stays within this bound, with room for the longest seq and timestamp.
     */
    public static final int MAX_DATA_BYTES = 20 * 1024;
}
