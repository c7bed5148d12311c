package com.coaching.notifications.gateway.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The frames the gateway makes itself; event frames carry the topic's JSON unchanged (see the fan-out). */
public final class StreamFrames {

    public static final String CONNECTED = "connected";
    public static final String HEARTBEAT = "heartbeat";
    public static final String REAUTHENTICATE = "reauthenticate";
    public static final String RESET = "reset";

    /** Why a stream ends with a {@code retry} frame: the replica shuts down. */
    public static final String SHUTDOWN = "shutdown";
    /** Why a stream ends with a {@code retry} frame: what the client missed cannot be fetched now. */
    public static final String HISTORY_UNAVAILABLE = "history_unavailable";
    /**
     * Why a stream ends with a {@code retry} frame: partition-affine mode, and this replica no longer reads the
     * user's partition (a rebalance gave it to another); the client resumes at the new owner.
     */
    public static final String PARTITION_MOVED = "partition_moved";
    /** Why a stream ends with {@code reauthenticate}. */
    public static final String TOKEN_EXPIRED = "token_expired";
    /** Why a stream is cut off: its client does not keep up. */
    public static final String SLOW_CLIENT = "slow_client";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StreamFrames() {
    }

    /** The first frame of every stream: it commits the response at once and tells the client how long to wait before reconnecting. */
    public static SseFrame connected(String userId, Instant now, Duration retry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", userId);
        data.put("timestamp", now.toString());
        return SseFrame.of(CONNECTED, null, retry, JSON.writeValueAsString(data));
    }

    /** Proof of life for the client, with how many streams the user has open on this replica. */
    public static SseFrame heartbeat(Instant now, int connections) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("timestamp", now.toString());
        data.put("connections", connections);
        return SseFrame.of(HEARTBEAT, null, null, JSON.writeValueAsString(data));
    }

    /**
     * Only a reconnection delay, and the end of the stream: on shutdown, or when missed events cannot be
     * fetched now, or when the user's partition moved to another replica. The client reconnects after the delay
     * with its last event id and misses nothing.
     *
     * @param reason {@link #SHUTDOWN}, {@link #HISTORY_UNAVAILABLE} or {@link #PARTITION_MOVED}
     */
    public static SseFrame reconnectIn(Duration delay, String reason) {
        return new SseFrame("retry", ("retry: " + delay.toMillis() + "\n\n").getBytes(StandardCharsets.UTF_8), reason, null);
    }

    /** The stream's token has expired (or was refused): the client renews it and reconnects. Ends the stream. */
    public static SseFrame reauthenticate() {
        return SseFrame.of(REAUTHENTICATE, null, null, "{\"reason\":\"" + TOKEN_EXPIRED + "\"}")
                .endingTheStream(TOKEN_EXPIRED);
    }

    /**
     * The events after the client's last id are no longer kept: it reloads its list, and the stream goes on
     * with live events.
     *
     * @param oldestSeq the oldest seq the writer still has, or null if it did not say
     */
    public static SseFrame resetPruned(Long oldestSeq) {
        return reset(oldestSeq, "pruned", null);
    }

    /**
     * The client's last id is ahead of the user's seq (a restored database, a client bug): trusting it would
     * drop every event up to it, so the client reloads its list, and the stream goes on with live events.
     *
     * @param oldestSeq the oldest seq the writer still has, or null if it did not say
     * @param lastSeq   the user's seq, where the stream goes on from
     */
    public static SseFrame resetAhead(Long oldestSeq, long lastSeq) {
        return reset(oldestSeq, "ahead", lastSeq);
    }

    private static SseFrame reset(Long oldestSeq, String reason, Long lastSeq) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("oldest_seq", oldestSeq);
        data.put("reason", reason);
        if (lastSeq != null) {
            data.put("last_seq", lastSeq);
        }
        return SseFrame.of(RESET, null, null, JSON.writeValueAsString(data));
    }
}
