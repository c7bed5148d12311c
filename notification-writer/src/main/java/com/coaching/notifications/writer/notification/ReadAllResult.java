package com.coaching.notifications.writer.notification;

/**
 * Body of {@code POST /api/notifications/read-all}.
 *
 * @param updated notifications that changed from unread to read
 * @param seq     the seq of the {@code notification.all_read} event, or the user's current seq when
 *                nothing was unread (and no event was emitted)
 */
public record ReadAllResult(int updated, long seq) {
}
