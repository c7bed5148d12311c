package com.coaching.notifications.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Data of a {@code notification.all_read} event: every notification of the user created at or before
 * {@code upToSeq} is read. A client applies it to what it holds without knowing the ids.
 */
public record AllNotificationsRead(
        @JsonProperty("user_id") String userId,
        long seq,
        @JsonProperty("up_to_seq") long upToSeq,
        @JsonProperty("read_at") Instant readAt) {

    public static final EventType EVENT_TYPE = EventType.NOTIFICATION_ALL_READ;
}
