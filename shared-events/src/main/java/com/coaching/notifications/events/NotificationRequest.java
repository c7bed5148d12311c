package com.coaching.notifications.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.UUID;

/**
 * A request of another service, on {@link Topics#REQUESTS}, to create a notification. The writer
 * creates it at most once per {@code requestId}, however often the request is delivered. Schema:
 * {@code schemas/notification.request.v1.json}.
 */
public record NotificationRequest(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("user_id") String userId,
        NotificationType type,
        String title,
        String message,
        Map<String, Object> metadata,
        @JsonProperty("related_session_id") UUID relatedSessionId) {
}
