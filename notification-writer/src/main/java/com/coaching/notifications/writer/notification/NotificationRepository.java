package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface NotificationRepository extends JpaRepository<Notification, UUID>, NotificationRepositoryCustom {

    /** Newest first (per user, seq order is commit order), below a seq. */
    List<Notification> findByUserIdAndSeqLessThanOrderBySeqDesc(String userId, long beforeSeq, Limit limit);

    List<Notification> findByUserIdAndStatusAndSeqLessThanOrderBySeqDesc(String userId, NotificationStatus status,
                                                                         long beforeSeq, Limit limit);

    long countByUserIdAndStatus(String userId, NotificationStatus status);

    /** Only the owner's: another user's id is as unknown as an id that does not exist. */
    Optional<Notification> findByIdAndUserId(UUID id, String userId);

    @Modifying
    @Query("update Notification n set n.status = :to where n.userId = :userId and n.status = :from")
    int changeAllStatus(String userId, NotificationStatus from, NotificationStatus to);
}
