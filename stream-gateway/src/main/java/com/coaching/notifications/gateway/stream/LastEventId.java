package com.coaching.notifications.gateway.stream;

import com.coaching.notifications.events.StreamSeq;
import java.util.OptionalLong;

/**
 * Where a reconnecting client stands: the {@code Last-Event-ID} header (sent by a browser's EventSource
 * when it reconnects by itself), else the {@code lastEventId} query parameter (for a client that opens
 * a new EventSource itself). A seq as the contract writes it ({@link StreamSeq}), or 0 for "none yet".
 */
public final class LastEventId {

    public static final String HEADER = "Last-Event-ID";
    public static final String QUERY_PARAMETER = "lastEventId";

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
        return StreamSeq.parse(value.strip()).orElseThrow(() -> new IllegalArgumentException(name
                + " must be the id of an event received: a non-negative integer up to " + StreamSeq.MAX));
    }
}
