package com.coaching.notifications.writer.stream;

import com.coaching.notifications.events.StreamEventPage;
import com.coaching.notifications.auth.UserIds;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/notifications/events}: the caller's own events after a seq, for a gateway (with the
 * user's token) that resumes a stream, in pages bounded by count and by bytes. 410 with {@code oldest_seq}
 * when some were pruned.
 */
@RestController
public class StreamHistoryController {

    private final StreamHistory history;
    private final UserIds userIds;

    public StreamHistoryController(StreamHistory history, UserIds userIds) {
        this.history = history;
        this.userIds = userIds;
    }

    /**
     * @param limit    events per page at most; the bound is the contract's, which gateways check their setting against
     * @param maxBytes bytes per page at most, serialised, though a page always holds one event if there is one;
     *                 without it, the largest budget the contract allows
     */
    @GetMapping("/api/notifications/events")
    public StreamEventPage events(@AuthenticationPrincipal Jwt token,
                                  @RequestParam @Min(0) long after,
                                  @RequestParam(defaultValue = "100") @Min(1) @Max(StreamEventPage.MAX_LIMIT) int limit,
                                  @RequestParam(name = "max_bytes", defaultValue = "" + StreamEventPage.MAX_BUDGET_BYTES)
                                  @Min(StreamEventPage.MIN_BUDGET_BYTES) @Max(StreamEventPage.MAX_BUDGET_BYTES)
                                  int maxBytes) {
        return history.after(userIds.subjectOf(token), after, limit, maxBytes);
    }
}
