package com.coaching.notifications.writer.notification;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No notification with this id belongs to the caller (whether it does not exist or is another user's is
 * not told): a 404 problem.
 */
public class NotificationNotFoundException extends ErrorResponseException {

    public NotificationNotFoundException() {
        super(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such notification."), null);
    }
}
