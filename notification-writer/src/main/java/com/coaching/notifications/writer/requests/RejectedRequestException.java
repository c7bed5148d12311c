package com.coaching.notifications.writer.requests;

/** A request record that can never be processed; it goes to the dead-letter topic with this message as the reason. */
public class RejectedRequestException extends RuntimeException {

    public RejectedRequestException(String reason) {
        super(reason);
    }
}
