package com.coaching.notifications.writer.notification;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.hibernate.Session;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inserts notifications as the entity maps them, so that the row is described once. A broadcast creates
 * thousands in one transaction: they go to PostgreSQL in JDBC batches, which Hibernate uses only when
 * a batch size is set, here for these inserts alone.
 */
class NotificationRepositoryCustomImpl implements NotificationRepositoryCustom {

    /** A 10000-user broadcast takes ten round trips. */
    private static final int BATCH_SIZE = 1000;

    private final EntityManager entityManager;

    NotificationRepositoryCustomImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void insertAll(List<Notification> notifications) {
        Session session = entityManager.unwrap(Session.class);
        Integer configured = session.getJdbcBatchSize();
        session.setJdbcBatchSize(BATCH_SIZE);
        try {
            notifications.forEach(session::persist);
            session.flush();
            // Created rows never change in this transaction: its commit need not check thousands of them again.
            notifications.forEach(session::detach);
        } finally {
            session.setJdbcBatchSize(configured);
        }
    }
}
