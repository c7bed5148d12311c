package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.events.NotificationType;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notification as the inbox API shows it, with its current status. The API's own shape: it names
 * the same fields as the {@code notification.created} event today, but each changes on its own terms.
 *
 * @param seq the user's stream sequence under which the notification was created
 */
public record NotificationView(
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
}
