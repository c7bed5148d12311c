package com.coaching.notifications.writer.stream;

import java.time.Instant;

/**
 * Where one user's event stands in the user's stream: the seq it took and the time of its change
 * (the same for every user of one change).
 */
public record EventStamp(String userId, long seq, Instant time) {
}
