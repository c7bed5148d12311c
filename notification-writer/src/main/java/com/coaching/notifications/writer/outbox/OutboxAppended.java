package com.coaching.notifications.writer.outbox;

/** Published inside the transaction that appended to the outbox; the relay hears it once that transaction commits. */
public record OutboxAppended() {
}
