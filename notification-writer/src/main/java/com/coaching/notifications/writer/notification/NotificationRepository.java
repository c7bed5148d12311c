package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationStatus;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface NotificationRepository extends JpaRepository<Notification, UUID> {

    /** Newest first: per user, seq order is commit order. */
    List<Notification> findByUserIdOrderBySeqDesc(String userId, Limit limit);

    long countByUserIdAndStatus(String userId, NotificationStatus status);
}
