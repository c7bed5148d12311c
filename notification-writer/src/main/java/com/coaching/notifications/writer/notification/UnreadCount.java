package com.coaching.notifications.writer.notification;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code GET /api/notifications/unread-count}: the count and the user's seq read in one
 * snapshot, so the count includes exactly the events up to {@code last_seq}.
 */
public record UnreadCount(@JsonProperty("unread_count") long unreadCount, @JsonProperty("last_seq") long lastSeq) {
}
