package com.coaching.notifications.events;

/** Kafka topic names shared by every producer and consumer of notification events. */
public final class Topics {

    /** Every change to a notification, keyed by user id so one user's events keep their order. */
    public static final String EVENTS = "notifications.events";

    /** Requests of other services to create a notification (JSON {@link NotificationRequest}), keyed by user id. */
    public static final String REQUESTS = "notifications.requests";

    /** Requests that could not be parsed or validated, with the reason in the {@link #DLT_REASON_HEADER} header. */
    public static final String REQUESTS_DLT = "notifications.requests.DLT";

    /** Header on a dead-lettered request: why it was rejected, one line. */
    public static final String DLT_REASON_HEADER = "notifications_dlt_reason";

    private Topics() {
    }
}
