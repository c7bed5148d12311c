package com.coaching.notifications.writer.requests;

import com.coaching.notifications.events.NotificationRequest;
import com.coaching.notifications.events.Topics;
import com.coaching.notifications.writer.idempotency.IdempotencyKeys;
import com.coaching.notifications.writer.notification.CreateNotificationRequest;
import com.coaching.notifications.writer.notification.NotificationService;
import com.coaching.notifications.writer.notification.StorableTextValidator;
import com.coaching.notifications.writer.problem.JsonNames;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests from {@link Topics#REQUESTS}: the same rules as {@code POST /api/notifications}, plus a
 * {@code request_id} of 1..200 characters of storable text that makes a redelivery create nothing new.
 */
@Component
public class NotificationRequests {

    /** The scope of request ids among idempotency keys: one for the whole topic. */
    static final String SCOPE = "topic:" + Topics.REQUESTS;
    private static final int MAX_REQUEST_ID = 200;

    private static final String REUSED_REQUEST_ID = "request_id: already used for a different request";

    private final NotificationService notifications;
    private final IdempotencyKeys idempotencyKeys;
    private final Validator validator;

    public NotificationRequests(NotificationService notifications, IdempotencyKeys idempotencyKeys, Validator validator) {
        this.notifications = notifications;
        this.idempotencyKeys = idempotencyKeys;
        this.validator = validator;
    }

    /**
     * Creates the requested notifications in one transaction, each unless its request id did so before;
     * a user's requests in the order given.
     *
     * @param traceparents for each request, the W3C {@code traceparent} of its record, or null
     * @return for each request, why it can never be processed, or empty when it was (or had been) processed
     */
    @Transactional
    public List<Optional<String>> createAll(List<NotificationRequest> requests, List<String> traceparents) {
        List<Optional<String>> rejections = new ArrayList<>(requests.size());
        List<Integer> valid = new ArrayList<>();
        List<CreateNotificationRequest> creates = new ArrayList<>();
        for (NotificationRequest request : requests) {
            CreateNotificationRequest create = asCreate(request);
            Optional<String> rejection = validate(request.requestId(), create);
            rejections.add(rejection);
            if (rejection.isEmpty()) {
                valid.add(rejections.size() - 1);
                creates.add(create);
            }
        }
        if (valid.isEmpty()) {
            return rejections;
        }
        List<IdempotencyKeys.Claim> claims = idempotencyKeys.claimAll(SCOPE,
                valid.stream().map(i -> requests.get(i).requestId()).toList(), creates);
        List<CreateNotificationRequest> fresh = new ArrayList<>();
        List<String> freshTraces = new ArrayList<>();
        for (int v = 0; v < valid.size(); v++) {
            switch (claims.get(v)) {
                case NEW -> {
                    fresh.add(creates.get(v));
                    freshTraces.add(traceparents.get(valid.get(v)));
                }
                case REPEATED -> { }
                case CONFLICT -> rejections.set(valid.get(v), Optional.of(REUSED_REQUEST_ID));
            }
        }
        if (!fresh.isEmpty()) {
            notifications.createAll(fresh, freshTraces);
        }
        return rejections;
    }

    private static CreateNotificationRequest asCreate(NotificationRequest request) {
        return new CreateNotificationRequest(request.userId(), request.type(), request.title(), request.message(),
                request.metadata(), request.relatedSessionId());
    }

    /** The API's rules for the notification, and the topic's for its request id. */
    private Optional<String> validate(String requestId, CreateNotificationRequest create) {
        if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID
                || !StorableTextValidator.storable(requestId)) {
            return Optional.of("request_id: must be 1.." + MAX_REQUEST_ID
                    + " characters, not blank, valid Unicode text without NUL characters");
        }
        Set<ConstraintViolation<CreateNotificationRequest>> violations = validator.validate(create);
        if (!violations.isEmpty()) {
            return Optional.of(violations.stream()
                    .map(v -> JsonNames.of(CreateNotificationRequest.class, v.getPropertyPath().toString()) + ": " + v.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.joining("; ")));
        }
        return Optional.empty();
    }
}
