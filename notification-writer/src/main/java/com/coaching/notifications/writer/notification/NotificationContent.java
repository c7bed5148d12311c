package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationType;
import java.util.Map;
import java.util.UUID;

/** What a notification says, whoever it goes to; validated by the request it came in. */
record NotificationContent(NotificationType type, String title, String message, Map<String, Object> metadata,
                           UUID relatedSessionId) {
}
