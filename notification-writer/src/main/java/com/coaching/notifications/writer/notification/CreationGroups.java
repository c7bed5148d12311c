package com.coaching.notifications.writer.notification;

import com.coaching.notifications.writer.outbox.OutboxTraceContext;
import com.coaching.notifications.writer.problem.DatabaseUnavailable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creations of single notifications without an idempotency key, grouped: whatever requests wait while
 * a group commits form the next group, one transaction through the JDBC batches of {@link
 * NotificationService#createAll}. A transaction, its connection and its statements cost a request
 * thread about as much as everything else of the request; a group shares them.
 *
 * <p>Each caller waits for its own notification, which exists only once the group has committed. When
 * a group fails, nothing of it was committed: if the database is out of reach, every caller gets that
 * failure (as it would have alone); otherwise each caller creates its notification alone, in a
 * transaction of its own, so that only the request the database refuses fails. One committing thread
 * takes the groups one after another; a user's requests keep the order they arrive in.
 */
@Component
public class CreationGroups implements DisposableBean {

    private final NotificationService notifications;
    private final TransactionTemplate transactions;
    private final OutboxTraceContext traces;
    private final DatabaseUnavailable databaseUnavailable;
    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean stopping;

    public CreationGroups(NotificationService notifications, PlatformTransactionManager transactionManager,
                          OutboxTraceContext traces, DatabaseUnavailable databaseUnavailable) {
        this.notifications = notifications;
        this.transactions = new TransactionTemplate(transactionManager);
        this.traces = traces;
        this.databaseUnavailable = databaseUnavailable;
        this.committer = new Thread(this::commitGroups, "notification-creations");
        committer.setDaemon(true);
        committer.start();
    }

    /** Creates the notification in the next group and returns it once committed. */
    public NotificationView create(CreateNotificationRequest request) {
        // The caller's trace, taken on its own thread: the event continues it as it would alone.
        Waiting mine = new Waiting(request, traces.current(), new CompletableFuture<>());
        waiting.add(mine);
        // Once stopping, no committer may be left to take it.
        if (stopping && waiting.remove(mine)) {
            return alone(request);
        }
        try {
            // The view reads the metadata back: on the caller's thread, not the committer's.
            return mine.created().join().toView();
        } catch (CompletionException e) {
            if (e.getCause() instanceof GroupFailed) {
                return alone(request);
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private NotificationView alone(CreateNotificationRequest request) {
        return notifications.create(request, null).response();
    }

    private void commitGroups() {
        List<Waiting> group = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                group.add(waiting.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waiting.drainTo(group);
            stop = group.remove(STOP);
            if (!group.isEmpty()) {
                commit(group);
            }
            group.clear();
        }
        waiting.drainTo(group);
        group.remove(STOP);
        group.forEach(w -> w.created().completeExceptionally(new GroupFailed(null)));
    }

    private void commit(List<Waiting> group) {
        List<Notification> created;
        try {
            created = transactions.execute(status -> notifications.createAll(
                    group.stream().map(Waiting::request).toList(), group.stream().map(Waiting::traceparent).toList()));
        } catch (RuntimeException | Error e) {
            // Never let the committer die: everyone waiting would wait for ever.
            RuntimeException failure = e instanceof RuntimeException unavailable && databaseUnavailable.explains(e)
                    ? unavailable : new GroupFailed(e);
            group.forEach(w -> w.created().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).created().complete(created.get(i));
        }
    }

    /** Called once the web server has answered its last request: commits what waits, then stops. */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        waiting.add(STOP);
        committer.join();
    }

    /** Tells the committer to stop after the group it is in. */
    private static final Waiting STOP = new Waiting(null, null, null);

    private record Waiting(CreateNotificationRequest request, String traceparent,
                           CompletableFuture<Notification> created) {
    }

    /** A group that failed for a reason other than the database being out of reach, or was never committed: each tries alone. */
    private static final class GroupFailed extends RuntimeException {
        GroupFailed(Throwable cause) {
            super(cause);
        }
    }
}
