package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationType;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code POST /api/notifications/broadcast}: one notification with the same content for each
 * user. A repeated user id is rejected rather than silently merged: it is a caller's mistake.
 */
public record BroadcastRequest(
        @JsonProperty("user_ids") @NotEmpty @Size(max = MAX_USERS) @Distinct List<@UserIdRule String> userIds,
        @NotNull NotificationType type,
        @TitleRule String title,
        @MessageRule String message,
        @StorableText @BoundedJson(maxBytes = CreateNotificationRequest.MAX_METADATA_BYTES) Map<String, Object> metadata,
        @JsonProperty("related_session_id") UUID relatedSessionId) {

    public static final int MAX_USERS = 10_000;

    NotificationContent content() {
        return new NotificationContent(type, title, message, metadata, relatedSessionId);
    }
}
