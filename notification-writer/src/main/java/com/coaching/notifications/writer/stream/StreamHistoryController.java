package com.coaching.notifications.writer.stream;

import com.coaching.notifications.events.StreamEventPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/notifications/events}: the caller's own events after a seq, for a gateway (with the
 * user's token) that resumes a stream. 410 with {@code oldest_seq} when some were pruned.
 */
@RestController
public class StreamHistoryController {

    private final StreamHistory history;

    public StreamHistoryController(StreamHistory history) {
        this.history = history;
    }

    @GetMapping("/api/notifications/events")
    public StreamEventPage events(@AuthenticationPrincipal Jwt token,
                                  @RequestParam @Min(0) long after,
                                  @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return history.after(token.getSubject(), after, limit);
    }
}
