package com.coaching.notifications.writer.notification;

import java.util.List;

/** What {@link NotificationRepository} adds to Spring Data's methods. */
interface NotificationRepositoryCustom {

    /** Inserts new notifications in the caller's transaction, in JDBC batches. */
    void insertAll(List<Notification> notifications);
}
