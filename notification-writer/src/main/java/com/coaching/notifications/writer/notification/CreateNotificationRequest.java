package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationType;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code POST /api/notifications}. An unknown {@code type} is rejected while the JSON is
 * read, with the allowed values in the message.
 *
 * @param metadata free-form JSON object of the calling service, at most 4 KB serialised
 */
public record CreateNotificationRequest(
        @JsonProperty("user_id") @NotBlank @Size(max = 255) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE)
        String userId,
        @NotNull
        NotificationType type,
        @NotBlank @Size(max = 200) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE)
        String title,
        @NotNull @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE)
        String message,
        @BoundedJson(maxBytes = MAX_METADATA_BYTES)
        Map<String, Object> metadata,
        @JsonProperty("related_session_id")
        UUID relatedSessionId) {

    public static final int MAX_METADATA_BYTES = 4096;

    /** PostgreSQL text cannot hold a NUL character. */
    private static final String NO_NUL = "[^\\x00]*";
    private static final String NO_NUL_MESSAGE = "must not contain NUL characters";
}
