package com.coaching.notifications.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** Data of a {@code notification.deleted} event: one notification of the user is gone. */
public record NotificationDeleted(
        UUID id,
        @JsonProperty("user_id") String userId,
        long seq,
        @JsonProperty("deleted_at") Instant deletedAt) {

    public static final EventType EVENT_TYPE = EventType.NOTIFICATION_DELETED;
}
