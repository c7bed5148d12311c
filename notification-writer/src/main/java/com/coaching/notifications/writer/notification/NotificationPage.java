package com.coaching.notifications.writer.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code GET /api/notifications}: a page, newest first.
 *
 * @param nextCursor pass it as {@code cursor} for the next (older) page; null on the last page
 * @param lastSeq    the user's seq when the page was read (same snapshot)
 */
public record NotificationPage(
        List<NotificationView> items,
        @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor,
        @JsonProperty("last_seq") long lastSeq) {
}
