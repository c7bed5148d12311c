package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationRequest;
import com.coaching.notifications.events.NotificationType;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code POST /api/notifications}, and the rules a {@link NotificationRequest} from the
 * request topic must follow too. An unknown {@code type} is rejected while the JSON is read, with the
 * allowed values in the message.
 *
 * @param metadata free-form JSON object of the calling service, at most 4 KB serialised
 */
public record CreateNotificationRequest(
        @JsonProperty("user_id") @UserIdRule String userId,
        @NotNull NotificationType type,
        @TitleRule String title,
        @MessageRule String message,
        @StorableText @BoundedJson(maxBytes = MAX_METADATA_BYTES) Map<String, Object> metadata,
        @JsonProperty("related_session_id") UUID relatedSessionId) {

    public static final int MAX_METADATA_BYTES = 4096;

    NotificationContent content() {
        return new NotificationContent(type, title, message, metadata, relatedSessionId);
    }
}
