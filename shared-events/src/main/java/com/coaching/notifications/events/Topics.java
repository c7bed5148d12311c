package com.coaching.notifications.events;

/** Kafka topic names shared by every producer and consumer of notification events. */
public final class Topics {

    /** Every change to a notification, keyed by user id so one user's events keep their order. */
    public static final String EVENTS = "notifications.events";

    private Topics() {
    }
}
