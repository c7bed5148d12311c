package com.coaching.notifications.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Data of a {@code notification.created} event: the notification as stored, plus the user's stream
 * sequence number {@code seq} under which the change was committed. Field names are the story's
 * snake_case names; the JSON Schema is {@code schemas/notification.created.v1.json}.
 */
public record NotificationCreated(
        UUID id,
        @JsonProperty("user_id") String userId,
        long seq,
        NotificationType type,
        String title,
        String message,
        NotificationStatus status,
        Map<String, Object> metadata,
        @JsonProperty("related_session_id") UUID relatedSessionId,
        @JsonProperty("created_at") Instant createdAt) {

    public static final EventType EVENT_TYPE = EventType.NOTIFICATION_CREATED;
}
