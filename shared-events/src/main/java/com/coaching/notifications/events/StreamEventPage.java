package com.coaching.notifications.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A page of a user's stream history after a sequence number, in seq order.
 *
 * @param events  the events, seq ascending, without gaps
 * @param lastSeq the user's newest seq when the page was read
 * @param hasMore whether events after the last one on this page exist
 */
public record StreamEventPage(
        List<StreamEvent> events,
        @JsonProperty("last_seq") long lastSeq,
        @JsonProperty("has_more") boolean hasMore) {
}
