package com.coaching.notifications.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether the user has seen a notification. */
public enum NotificationStatus {
    UNREAD, READ;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
