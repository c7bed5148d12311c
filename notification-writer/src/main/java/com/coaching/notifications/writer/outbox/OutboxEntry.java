package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.EventEnvelope;

/** One outbox row: its position in the outbox and the event it carries. */
public record OutboxEntry(long id, EventEnvelope event) {
}
