package com.coaching.notifications.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The W3C Trace Context header {@code traceparent} on a record (the CloudEvents distributed-tracing extension
 * names it the same), version 00, as the writer stores and sends it and the gateway reads it: whoever produced
 * the change decides whether its trace is recorded, and the services after it follow that decision.
 *
 * @param text     the header as it came
 * @param traceId  32 lower-case hex digits
 * @param parentId the producer's span, 16 lower-case hex digits
 * @param sampled  whether the trace is recorded (the lowest bit of its flags)
 */
public record TraceParentHeader(String text, String traceId, String parentId, boolean sampled) {

    public static final String NAME = "traceparent";

    private static final int LENGTH = 55;
    private static final Pattern VERSION_00 = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    /** The header, or empty when it is missing or not a well-formed version-00 one. */
    public static Optional<TraceParentHeader> parse(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.empty();
        }
        Matcher m = VERSION_00.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TraceParentHeader(text, m.group(1), m.group(2), (Integer.parseInt(m.group(3), 16) & 1) == 1));
    }

    /** A record header's value; its length is checked before any text is made of it. */
    public static Optional<TraceParentHeader> parse(byte[] header) {
        return header == null || header.length != LENGTH ? Optional.empty()
                : parse(new String(header, StandardCharsets.US_ASCII));
    }
}
