package com.coaching.notifications.writer.idempotency;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The key was used before with a different request: a 409 problem. */
public class IdempotencyKeyConflictException extends ErrorResponseException {

    public IdempotencyKeyConflictException() {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "This idempotency key was used with a different request."), null);
    }
}
