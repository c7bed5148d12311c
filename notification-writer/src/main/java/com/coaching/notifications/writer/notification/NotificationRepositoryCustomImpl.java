package com.coaching.notifications.writer.notification;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inserts notifications in JDBC batches, on the transaction's connection. A broadcast or a batch of
 * requests creates hundreds or thousands in one transaction; nothing reads them back through JPA in it.
 */
class NotificationRepositoryCustomImpl implements NotificationRepositoryCustom {

    /** A 10000-user broadcast takes ten round trips. */
    private static final int BATCH_SIZE = 1000;

    private final JdbcTemplate batch;

    NotificationRepositoryCustomImpl(JdbcTemplate batch) {
        this.batch = batch;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void insertAll(List<Notification> notifications) {
        batch.batchUpdate(Notification.INSERT, notifications, BATCH_SIZE, (ps, notification) -> notification.bindInsert(ps));
    }
}
