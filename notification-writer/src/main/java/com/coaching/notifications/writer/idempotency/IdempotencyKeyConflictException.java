package com.coaching.notifications.writer.idempotency;

/** The key was used before with a different request. */
public class IdempotencyKeyConflictException extends RuntimeException {

    public IdempotencyKeyConflictException() {
        super("This idempotency key was used with a different request.");
    }
}
