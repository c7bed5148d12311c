package com.coaching.notifications.gateway.stream;

import java.util.OptionalLong;

/**
 * Where a reconnecting client stands: the {@code Last-Event-ID} header (sent by a browser's EventSource
 * when it reconnects by itself), else the {@code lastEventId} query parameter (for a client that opens
 * a new EventSource itself). A seq: a non-negative integer no larger than 2^53 - 1, the largest integer
 * a browser's JavaScript holds exactly.
 */
public final class LastEventId {

    public static final String HEADER = "Last-Event-ID";
    public static final String QUERY_PARAMETER = "lastEventId";
    public static final long MAX = (1L << 53) - 1;

    private LastEventId() {
    }

    /**
     * @return the seq, empty when neither is given
     * @throws IllegalArgumentException with a message for the client, when the one given is not a seq
     */
    public static OptionalLong parse(String header, String queryParameter) {
        if (header != null) {
            return OptionalLong.of(seq(header, HEADER));
        }
        if (queryParameter != null) {
            return OptionalLong.of(seq(queryParameter, QUERY_PARAMETER));
        }
        return OptionalLong.empty();
    }

    private static long seq(String value, String name) {
        String trimmed = value.strip();
        // Digits only (no sign, no exponent), and short enough that parsing cannot overflow.
        if (trimmed.isEmpty() || trimmed.length() > 16 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " must be the id of an event received: a non-negative integer"
                    + " up to " + MAX);
        }
        long seq = Long.parseLong(trimmed);
        if (seq > MAX) {
            throw new IllegalArgumentException(name + " must be at most " + MAX);
        }
        return seq;
    }
}
