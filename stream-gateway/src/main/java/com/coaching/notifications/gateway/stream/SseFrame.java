package com.coaching.notifications.gateway.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One Server-Sent Events frame, encoded once into its wire bytes (UTF-8, the only encoding SSE allows)
 * and then shared by every connection it goes to.
 *
 * @param event     the {@code event:} name, also the tag of the messages-sent metric
 * @param bytes     the encoded frame, including the blank line that ends it; never modified
 * @param endReason why the server ends the stream right after this frame, so that the client reconnects
 *                  (the tag of the reconnection-attempts metric), or null if the stream goes on
 * @param eventTime when the event of a live frame was committed ({@code ce_time}), for the delivery lag;
 *                  null for every other frame
 */
public record SseFrame(String event, byte[] bytes, String endReason, Instant eventTime) {

    /** Compiled once: {@code String.split} with this pattern compiled it for every event and every connect. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    /** Encodes a frame; {@code id} and {@code retry} may be null. Line breaks in {@code data} become several data lines. */
    public static SseFrame of(String event, String id, Duration retry, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 64);
        if (retry != null) {
            frame.append("retry: ").append(retry.toMillis()).append('\n');
        }
        if (id != null) {
            frame.append("id: ").append(singleLine(id)).append('\n');
        }
        frame.append("event: ").append(singleLine(event)).append('\n');
        for (String line : LINE_BREAK.split(data, -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        frame.append('\n');
        return new SseFrame(event, frame.toString().getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** The same frame, as the last of its stream, for {@code reason}. */
    public SseFrame endingTheStream(String reason) {
        return new SseFrame(event, bytes, reason, eventTime);
    }

    /** The same frame, carrying a live event committed at {@code time}. */
    public SseFrame committedAt(Instant time) {
        return new SseFrame(event, bytes, endReason, time);
    }

    /** Whether the server ends the stream right after this frame. */
    public boolean endsStream() {
        return endReason != null;
    }

    /** A field value must not break out of its line, or it could forge fields or frames. */
    private static String singleLine(String value) {
        return value.replace('\r', ' ').replace('\n', ' ');
    }
}
