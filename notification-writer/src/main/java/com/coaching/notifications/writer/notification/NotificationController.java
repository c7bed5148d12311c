package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationCreated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The notifications API. Services create notifications for any user (scope
 * {@code notifications:write}); a user reads only their own (the token's subject).
 */
@RestController
@RequestMapping("/api/notifications")
public class NotificationController {

    private final NotificationService notifications;

    public NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @PostMapping
    public ResponseEntity<NotificationCreated> create(@Valid @RequestBody CreateNotificationRequest request) {
        NotificationCreated created = notifications.create(request);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
                        .path("/{id}").buildAndExpand(created.id()).toUri())
                .body(created);
    }

    @GetMapping
    public List<NotificationCreated> list(@AuthenticationPrincipal Jwt token,
                                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return notifications.newestFirst(token.getSubject(), limit);
    }

    @GetMapping("/unread-count")
    public UnreadCount unreadCount(@AuthenticationPrincipal Jwt token) {
        return new UnreadCount(notifications.unreadCount(token.getSubject()));
    }
}
