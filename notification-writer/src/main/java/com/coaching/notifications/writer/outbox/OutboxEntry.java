package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.EventEnvelope;

/**
 * One outbox row: its position in the outbox, the event it carries, and the {@code traceparent} of the request
 * that made the change (null without one).
 */
public record OutboxEntry(long id, EventEnvelope event, String traceparent) {
}
