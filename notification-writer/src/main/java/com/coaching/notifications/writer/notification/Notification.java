package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.events.NotificationType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A notification as stored: one message for one user, numbered by the user's stream sequence. The one
 * description of its row: created with plain JDBC batches ({@link #INSERT}, {@link #bindInsert}: for a
 * batch of requests JPA's per-entity work cost more than the statements), read, marked read and deleted
 * through JPA.
 */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(nullable = false, updatable = false)
    private long seq;

    @Column(nullable = false, updatable = false)
    private NotificationType type;

    @Column(nullable = false, updatable = false)
    private String title;

    @Column(nullable = false, updatable = false)
    private String message;

    @Column(nullable = false)
    private NotificationStatus status;

    /** The JSON object as text; PostgreSQL keeps it as jsonb, and casts the text only when told to. */
    @Column(columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    private String metadata;

    @Column(name = "related_session_id", updatable = false)
    private UUID relatedSessionId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** The insert of a new row, its parameters set by {@link #bindInsert}; JPA's mapping above describes the same columns. */
    static final String INSERT = """
            insert into notification
                (id, user_id, seq, type, title, message, status, metadata, related_session_id, created_at)
            values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)""";

    protected Notification() {
    }

    /** The row of a notification its event describes as just created. */
    Notification(NotificationCreated created) {
        this.id = created.id();
        this.userId = created.userId();
        this.seq = created.seq();
        this.type = created.type();
        this.title = created.title();
        this.message = created.message();
        this.status = created.status();
        this.metadata = created.metadata() == null
                ? null : new String(EventJson.toBytes(created.metadata()), StandardCharsets.UTF_8);
        this.relatedSessionId = created.relatedSessionId();
        this.createdAt = created.createdAt();
    }

    public NotificationStatus getStatus() {
        return status;
    }

    void bindInsert(PreparedStatement ps) throws SQLException {
        ps.setObject(1, id);
        ps.setString(2, userId);
        ps.setLong(3, seq);
        ps.setString(4, type.json());
        ps.setString(5, title);
        ps.setString(6, message);
        ps.setString(7, status.json());
        ps.setString(8, metadata);
        ps.setObject(9, relatedSessionId, Types.OTHER);
        ps.setTimestamp(10, Timestamp.from(createdAt));
    }

    void markRead() {
        status = NotificationStatus.READ;
    }

    /** What the API shows of it. */
    @SuppressWarnings("unchecked")
    NotificationView toView() {
        Map<String, Object> meta = metadata == null
                ? null
                : EventJson.fromBytes(metadata.getBytes(StandardCharsets.UTF_8), Map.class);
        return new NotificationView(id, userId, seq, type, title, message, status, meta, relatedSessionId, createdAt);
    }
}
