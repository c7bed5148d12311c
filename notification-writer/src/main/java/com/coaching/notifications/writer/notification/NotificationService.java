package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.AllNotificationsRead;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationDeleted;
import com.coaching.notifications.events.NotificationRead;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.writer.idempotency.IdempotencyKeys;
import com.coaching.notifications.writer.idempotency.Idempotent;
import com.coaching.notifications.writer.outbox.Outbox;
import com.coaching.notifications.writer.stream.StreamEvents;
import com.coaching.notifications.writer.stream.StreamSequence;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of notifications, each in one transaction that takes the user's next seq (holding the
 * user's stream row lock until commit), changes the rows and appends the change's event to the outbox
 * and the history. Reads that report a seq read it in the same snapshot as the rows.
 */
@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final StreamSequence streamSequence;
    private final StreamEvents streamEvents;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock = Clock.systemUTC();

    public NotificationService(NotificationRepository notifications, StreamSequence streamSequence,
                               StreamEvents streamEvents, IdempotencyKeys idempotencyKeys) {
        this.notifications = notifications;
        this.streamSequence = streamSequence;
        this.streamEvents = streamEvents;
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * Creates one notification.
     *
     * @param idempotency the caller's scope and key, or null for none
     */
    @Transactional
    public Idempotent<NotificationView> create(CreateNotificationRequest request, IdempotencyKey idempotency) {
        return once(idempotency, request, NotificationView.class,
                () -> createAll(List.of(request.userId()), request.content()).get(0).toView());
    }

    /** Creates one notification per user, with JDBC batches. */
    @Transactional
    public Idempotent<BroadcastResult> broadcast(BroadcastRequest request, IdempotencyKey idempotency) {
        return once(idempotency, request, BroadcastResult.class,
                () -> new BroadcastResult(createAll(request.userIds(), request.content()).size()));
    }

    private <T> Idempotent<T> once(IdempotencyKey idempotency, Object request, Class<T> type, Supplier<T> work) {
        return idempotency == null
                ? new Idempotent<>(work.get(), false)
                : idempotencyKeys.once(idempotency.scope(), idempotency.key(), request, type, work);
    }

    private List<Notification> createAll(List<String> userIds, NotificationContent content) {
        Map<String, Long> seqs = streamSequence.nextAll(userIds);
        // PostgreSQL keeps microseconds: the response, the row and the event show the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<NotificationCreated> created = new ArrayList<>(userIds.size());
        for (String userId : userIds) {
            created.add(new NotificationCreated(UUID.randomUUID(), userId, seqs.get(userId), content.type(),
                    content.title(), content.message(), NotificationStatus.UNREAD, content.metadata(),
                    content.relatedSessionId(), now));
        }
        List<Notification> rows = created.stream().map(Notification::new).toList();
        notifications.insertAll(rows);
        streamEvents.append(created.stream()
                .map(n -> event(EventType.NOTIFICATION_CREATED, n.userId(), n.seq(), now, n))
                .toList());
        return rows;
    }

    /** Marks the caller's notification read; one that is read already stays as it is, without an event. */
    @Transactional
    public NotificationView markRead(String userId, UUID id) {
        streamSequence.lock(userId);
        Notification notification = notifications.findByIdAndUserId(id, userId)
                .orElseThrow(NotificationNotFoundException::new);
        if (notification.getStatus() == NotificationStatus.READ) {
            return notification.toView();
        }
        notification.markRead();
        long seq = streamSequence.next(userId);
        Instant now = now();
        streamEvents.append(List.of(event(EventType.NOTIFICATION_READ, userId, seq, now,
                new NotificationRead(id, userId, seq, NotificationStatus.READ, now))));
        return notification.toView();
    }

    /** Marks all the caller's notifications read; with nothing unread, nothing changes and no event is emitted. */
    @Transactional
    public ReadAllResult markAllRead(String userId) {
        long current = streamSequence.lock(userId);
        int updated = notifications.changeAllStatus(userId, NotificationStatus.UNREAD, NotificationStatus.READ);
        if (updated == 0) {
            return new ReadAllResult(0, current);
        }
        long seq = streamSequence.next(userId);
        Instant now = now();
        // The lock makes every notification of the user older than this event, and all of them are read now.
        streamEvents.append(List.of(event(EventType.NOTIFICATION_ALL_READ, userId, seq, now,
                new AllNotificationsRead(userId, seq, seq - 1, now))));
        return new ReadAllResult(updated, seq);
    }

    @Transactional
    public void delete(String userId, UUID id) {
        streamSequence.lock(userId);
        Notification notification = notifications.findByIdAndUserId(id, userId)
                .orElseThrow(NotificationNotFoundException::new);
        notifications.delete(notification);
        long seq = streamSequence.next(userId);
        Instant now = now();
        streamEvents.append(List.of(event(EventType.NOTIFICATION_DELETED, userId, seq, now,
                new NotificationDeleted(id, userId, seq, now))));
    }

    /** A page of the caller's notifications, newest first, and the caller's seq in the same snapshot. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public NotificationPage page(String userId, NotificationStatus status, NotificationCursor cursor, int limit) {
        long before = cursor == null ? Long.MAX_VALUE : cursor.beforeSeq();
        Limit oneMore = Limit.of(limit + 1);
        List<Notification> rows = status == null
                ? notifications.findByUserIdAndSeqLessThanOrderBySeqDesc(userId, before, oneMore)
                : notifications.findByUserIdAndStatusAndSeqLessThanOrderBySeqDesc(userId, status, before, oneMore);
        List<NotificationView> items = rows.stream().limit(limit).map(Notification::toView).toList();
        String next = rows.size() > limit ? new NotificationCursor(items.get(limit - 1).seq()).encode() : null;
        return new NotificationPage(items, next, streamSequence.current(userId));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public UnreadCount unreadCount(String userId) {
        return new UnreadCount(notifications.countByUserIdAndStatus(userId, NotificationStatus.UNREAD),
                streamSequence.current(userId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static EventEnvelope event(EventType type, String userId, long seq, Instant time, Object data) {
        return new EventEnvelope(UUID.randomUUID(), type, Outbox.SOURCE, time, userId, seq, EventJson.toBytes(data));
    }
}
