package com.coaching.notifications.writer.notification;

/** No notification with this id belongs to the caller (whether it does not exist or is another user's is not told). */
public class NotificationNotFoundException extends RuntimeException {

    public NotificationNotFoundException() {
        super("No such notification.");
    }
}
