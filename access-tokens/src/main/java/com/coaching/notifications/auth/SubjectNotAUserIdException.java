package com.coaching.notifications.auth;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A valid token whose subject is no user id this service accepts: a 403 problem, and nothing is read or written. */
public class SubjectNotAUserIdException extends ErrorResponseException {

    /** The problem's detail, the same in both services. */
    public static final String DETAIL =
            "The token's subject is not a user id of this service (notifications.user-ids.pattern).";

    public SubjectNotAUserIdException() {
        super(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, DETAIL), null);
    }
}
