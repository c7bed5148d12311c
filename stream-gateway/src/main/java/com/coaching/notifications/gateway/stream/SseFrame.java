package com.coaching.notifications.gateway.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One Server-Sent Events frame, encoded once into its wire bytes (UTF-8, the only encoding SSE allows)
 * and then shared by every connection it goes to.
 *
 * @param event      the {@code event:} name, also the tag of the messages-sent metric
 * @param bytes      the encoded frame, including the blank line that ends it; never modified
 * @param endsStream whether the server ends the stream right after this frame
 */
public record SseFrame(String event, byte[] bytes, boolean endsStream) {

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
        return new SseFrame(event, frame.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    /** The same frame, as the last of its stream. */
    public SseFrame endingTheStream() {
        return new SseFrame(event, bytes, true);
    }

    /** A field value must not break out of its line, or it could forge fields or frames. */
    private static String singleLine(String value) {
        return value.replace('\r', ' ').replace('\n', ' ');
    }
}
