package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.AllNotificationsRead;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationDeleted;
import com.coaching.notifications.events.NotificationRead;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.writer.idempotency.IdempotencyKey;
import com.coaching.notifications.writer.idempotency.IdempotencyKeys;
import com.coaching.notifications.writer.idempotency.Idempotent;
import com.coaching.notifications.writer.stream.StreamEvents;
import com.coaching.notifications.writer.stream.StreamSequence;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of notifications, each in one transaction that changes the rows and records the change's
 * event through {@link StreamEvents} (which takes the user's next seq, holding the user's stream row lock
 * until commit). Reads that report a seq read it in the same snapshot as the rows.
 */
@Service
public class NotificationService {

    private final NotificationRepository notifications;
    private final StreamSequence streamSequence;
    private final StreamEvents streamEvents;
    private final IdempotencyKeys idempotencyKeys;

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
                () -> insert(List.of(request), CreateNotificationRequest::userId, CreateNotificationRequest::content,
                        r -> null).get(0).toView());
    }

    /**
     * Creates a notification for each request, in the caller's transaction, with JDBC batches: a user's
     * notifications take seqs in the order of the requests.
     *
     * @param traceparents for each request, the W3C {@code traceparent} its event continues, or null for the
     *                     current span's
     * @return each request's notification as stored, in the order of the requests; a caller that shows it makes
     *         its view (which reads the metadata back), the request topic does not
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Notification> createAll(List<CreateNotificationRequest> requests, List<String> traceparents) {
        return insert(IntStream.range(0, requests.size()).boxed().toList(), i -> requests.get(i).userId(),
                i -> requests.get(i).content(), traceparents::get);
    }

    /** Creates one notification per user, with JDBC batches. */
    @Transactional
    public Idempotent<BroadcastResult> broadcast(BroadcastRequest request, IdempotencyKey idempotency) {
        NotificationContent content = request.content();
        return once(idempotency, request, BroadcastResult.class,
                () -> new BroadcastResult(insert(request.userIds(), user -> user, user -> content, user -> null).size()));
    }

    private <T> Idempotent<T> once(IdempotencyKey idempotency, Object request, Class<T> type, Supplier<T> work) {
        return idempotency == null
                ? new Idempotent<>(work.get(), false)
                : idempotencyKeys.once(idempotency, request, type, work);
    }

    private <C> List<Notification> insert(List<C> changes, Function<C, String> userOf,
                                          Function<C, NotificationContent> contentOf, Function<C, String> traceOf) {
        List<NotificationCreated> created = streamEvents.recordAll(changes, userOf, traceOf, EventType.NOTIFICATION_CREATED,
                (change, stamp) -> {
                    NotificationContent content = contentOf.apply(change);
                    return new NotificationCreated(UUID.randomUUID(), stamp.userId(), stamp.seq(), content.type(),
                            content.title(), content.message(), NotificationStatus.UNREAD, content.metadata(),
                            content.relatedSessionId(), stamp.time());
                });
        List<Notification> rows = created.stream().map(Notification::new).toList();
        notifications.insertAll(rows);
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
        streamEvents.record(userId, EventType.NOTIFICATION_READ,
                stamp -> new NotificationRead(id, userId, stamp.seq(), NotificationStatus.READ, stamp.time()));
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
        // The lock makes every notification of the user older than this event, and all of them are read now.
        AllNotificationsRead allRead = streamEvents.record(userId, EventType.NOTIFICATION_ALL_READ,
                stamp -> new AllNotificationsRead(userId, stamp.seq(), stamp.seq() - 1, stamp.time()));
        return new ReadAllResult(updated, allRead.seq());
    }

    @Transactional
    public void delete(String userId, UUID id) {
        streamSequence.lock(userId);
        Notification notification = notifications.findByIdAndUserId(id, userId)
                .orElseThrow(NotificationNotFoundException::new);
        notifications.delete(notification);
        streamEvents.record(userId, EventType.NOTIFICATION_DELETED,
                stamp -> new NotificationDeleted(id, userId, stamp.seq(), stamp.time()));
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

}
