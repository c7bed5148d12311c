package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.writer.idempotency.IdempotencyKey;
import com.coaching.notifications.writer.idempotency.Idempotent;
import com.coaching.notifications.auth.UserIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The notifications API. Services create notifications for any user (scope
 * {@code notifications:write}; a broadcast also {@code notifications:broadcast}); a user reads and changes only their own (the token's subject).
 */
@RestController
@RequestMapping("/api/notifications")
public class NotificationController {

    /** Set on a response that repeats the first response to the same idempotency key and request. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final NotificationService notifications;
    private final CreationGroups creationGroups;
    private final UserIds userIds;

    public NotificationController(NotificationService notifications, CreationGroups creationGroups, UserIds userIds) {
        this.notifications = notifications;
        this.creationGroups = creationGroups;
        this.userIds = userIds;
    }

    // @ResponseStatus states in the API description the status the ResponseEntity sets.
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<NotificationView> create(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 255) String idempotencyKey,
            @Valid @RequestBody CreateNotificationRequest request) {
        // A key's claim and replay are per request; without one, concurrent creations share a transaction.
        Idempotent<NotificationView> created = idempotencyKey == null
                ? new Idempotent<>(creationGroups.create(request), false)
                : notifications.create(request, key(token, idempotencyKey));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}").buildAndExpand(created.response().id()).toUri();
        return replayed(ResponseEntity.created(location), created).body(created.response());
    }

    @PostMapping("/broadcast")
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<BroadcastResult> broadcast(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 255) String idempotencyKey,
            @Valid @RequestBody BroadcastRequest request) {
        Idempotent<BroadcastResult> result = notifications.broadcast(request, key(token, idempotencyKey));
        return replayed(ResponseEntity.status(HttpStatus.CREATED), result).body(result.response());
    }

    @GetMapping
    public NotificationPage list(@AuthenticationPrincipal Jwt token,
                                 @RequestParam(required = false) NotificationCursor cursor,
                                 @RequestParam(required = false) @Pattern(regexp = "unread|read", message = "must be unread or read") String status,
                                 @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        NotificationStatus filter = status == null ? null : NotificationStatus.valueOf(status.toUpperCase(Locale.ROOT));
        return notifications.page(userIds.subjectOf(token), filter, cursor, limit);
    }

    @GetMapping("/unread-count")
    public UnreadCount unreadCount(@AuthenticationPrincipal Jwt token) {
        return notifications.unreadCount(userIds.subjectOf(token));
    }

    @PostMapping("/{id}/read")
    public NotificationView markRead(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return notifications.markRead(userIds.subjectOf(token), id);
    }

    @PostMapping("/read-all")
    public ReadAllResult markAllRead(@AuthenticationPrincipal Jwt token) {
        return notifications.markAllRead(userIds.subjectOf(token));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        notifications.delete(userIds.subjectOf(token), id);
        return ResponseEntity.noContent().build();
    }

    private static IdempotencyKey key(Jwt token, String idempotencyKey) {
        return idempotencyKey == null ? null : new IdempotencyKey(token.getSubject(), idempotencyKey);
    }

    private static ResponseEntity.BodyBuilder replayed(ResponseEntity.BodyBuilder response, Idempotent<?> result) {
        return result.replayed() ? response.header(REPLAYED_HEADER, "true") : response;
    }
}
