package com.coaching.notifications.writer.requests;

import com.coaching.notifications.events.NotificationRequest;
import com.coaching.notifications.events.Topics;
import com.coaching.notifications.writer.idempotency.IdempotencyKey;
import com.coaching.notifications.writer.idempotency.IdempotencyKeyConflictException;
import com.coaching.notifications.writer.notification.CreateNotificationRequest;
import com.coaching.notifications.writer.notification.NotificationService;
import com.coaching.notifications.writer.notification.StorableTextValidator;
import com.coaching.notifications.writer.problem.JsonNames;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Requests from {@link Topics#REQUESTS}: the same rules as {@code POST /api/notifications}, plus a
 * {@code request_id} of 1..200 characters of storable text that makes a redelivery create nothing new.
 */
@Component
public class NotificationRequests {

    /** The scope of request ids among idempotency keys: one for the whole topic. */
    static final String SCOPE = "topic:" + Topics.REQUESTS;
    private static final int MAX_REQUEST_ID = 200;

    private final NotificationService notifications;
    private final Validator validator;

    public NotificationRequests(NotificationService notifications, Validator validator) {
        this.notifications = notifications;
        this.validator = validator;
    }

    /**
     * Creates the requested notification unless this request id did so before.
     *
     * @return why the request can never be processed, or empty when it was (or had been) processed
     */
    public Optional<String> create(NotificationRequest request) {
        String requestId = request.requestId();
        if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID
                || !StorableTextValidator.storable(requestId)) {
            return Optional.of("request_id: must be 1.." + MAX_REQUEST_ID
                    + " characters, not blank, valid Unicode text without NUL characters");
        }
        CreateNotificationRequest create = new CreateNotificationRequest(request.userId(), request.type(),
                request.title(), request.message(), request.metadata(), request.relatedSessionId());
        Set<ConstraintViolation<CreateNotificationRequest>> violations = validator.validate(create);
        if (!violations.isEmpty()) {
            return Optional.of(violations.stream()
                    .map(v -> JsonNames.of(CreateNotificationRequest.class, v.getPropertyPath().toString()) + ": " + v.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining("; ")));
        }
        try {
            notifications.create(create, new IdempotencyKey(SCOPE, requestId));
            return Optional.empty();
        } catch (IdempotencyKeyConflictException e) {
            return Optional.of("request_id: already used for a different request");
        }
    }
}
