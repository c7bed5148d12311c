package com.coaching.notifications.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** Data of a {@code notification.read} event: one notification of the user was marked read. */
public record NotificationRead(
        UUID id,
        @JsonProperty("user_id") String userId,
        long seq,
        NotificationStatus status,
        @JsonProperty("read_at") Instant readAt) {

    public static final EventType EVENT_TYPE = EventType.NOTIFICATION_READ;
}
