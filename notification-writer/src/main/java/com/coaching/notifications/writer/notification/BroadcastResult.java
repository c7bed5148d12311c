package com.coaching.notifications.writer.notification;

/** Body of a broadcast's response: how many notifications (one per user) it created. */
public record BroadcastResult(int created) {
}
