package com.coaching.notifications.writer.notification;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code GET /api/notifications/unread-count}. */
public record UnreadCount(@JsonProperty("unread_count") long unreadCount) {
}
