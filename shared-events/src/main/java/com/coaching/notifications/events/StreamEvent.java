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
}
