package com.coaching.notifications.writer.outbox;

import java.util.Set;

/**
 * Published inside the transaction that appended to the outbox; the relay hears it once that
 * transaction commits and wakes the workers of these relay partitions.
 */
public record OutboxAppended(Set<Integer> partitions) {
}
