package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.writer.outbox.Outbox;
import com.coaching.notifications.writer.stream.StreamSequence;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads notifications; every change is written together with its outbox event. */
@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final StreamSequence streamSequence;
    private final Outbox outbox;
    private final Clock clock;

    public NotificationService(NotificationRepository notifications, StreamSequence streamSequence, Outbox outbox) {
        this.notifications = notifications;
        this.streamSequence = streamSequence;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    /**
     * In one transaction: takes the user's next seq (holding the user's stream row lock until
     * commit), stores the notification and appends its {@code notification.created} event to the
     * outbox. The relay publishes it after the commit.
     */
    @Transactional
    public NotificationCreated create(CreateNotificationRequest request) {
        long seq = streamSequence.next(request.userId());
        // PostgreSQL keeps microseconds: the response, the row and the event show the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Notification notification = new Notification(UUID.randomUUID(), request.userId(), seq, request.type(),
                request.title(), request.message(), request.metadata(), request.relatedSessionId(), now);
        notifications.save(notification);
        NotificationCreated created = notification.toView();
        outbox.append(new EventEnvelope(UUID.randomUUID(), NotificationCreated.EVENT_TYPE, Outbox.SOURCE, now,
                created.userId(), seq, EventJson.toBytes(created)));
        return created;
    }

    @Transactional(readOnly = true)
    public List<NotificationCreated> newestFirst(String userId, int limit) {
        return notifications.findByUserIdOrderBySeqDesc(userId, Limit.of(limit)).stream()
                .map(Notification::toView)
                .toList();
    }

    @Transactional(readOnly = true)
    public long unreadCount(String userId) {
        return notifications.countByUserIdAndStatus(userId, NotificationStatus.UNREAD);
    }
}
