package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.events.NotificationType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.springframework.data.domain.Persistable;

/** A notification as stored: one message for one user, numbered by the user's stream sequence. */
@Entity
@Table(name = "notification")
public class Notification implements Persistable<UUID> {

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

    /** The JSON object as text; PostgreSQL keeps it as jsonb. */
    @Column(columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String metadata;

    @Column(name = "related_session_id", updatable = false)
    private UUID relatedSessionId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Transient
    private boolean isNew;

    protected Notification() {
    }

    Notification(UUID id, String userId, long seq, NotificationType type, String title, String message,
                 Map<String, Object> metadata, UUID relatedSessionId, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.seq = seq;
        this.type = type;
        this.title = title;
        this.message = message;
        this.status = NotificationStatus.UNREAD;
        this.metadata = metadata == null ? null : new String(EventJson.toBytes(metadata), StandardCharsets.UTF_8);
        this.relatedSessionId = relatedSessionId;
        this.createdAt = createdAt;
        this.isNew = true;
    }

    @Override
    public UUID getId() {
        return id;
    }

    /** The id is assigned before the insert, so Spring Data asks here instead of looking at the id. */
    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    /** The notification in the shape of the event contract, which is also what the API shows. */
    @SuppressWarnings("unchecked")
    public NotificationCreated toView() {
        Map<String, Object> meta = metadata == null
                ? null
                : EventJson.fromBytes(metadata.getBytes(StandardCharsets.UTF_8), Map.class);
        return new NotificationCreated(id, userId, seq, type, title, message, status, meta, relatedSessionId, createdAt);
    }
}
