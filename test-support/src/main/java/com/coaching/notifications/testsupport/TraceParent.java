package com.coaching.notifications.testsupport;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} (version 00): what a caller sends to start or continue a trace,
 * and what the services write on the records they publish.
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A sampled context of a new trace, as an upstream service would send it. */
    public static TraceParent random() {
        return new TraceParent(hex(16), hex(8), true);
    }

    public static TraceParent parse(String header) {
        Matcher m = FORMAT.matcher(header);
        if (!m.matches()) {
            throw new AssertionError("not a traceparent: " + header);
        }
        return new TraceParent(m.group(1), m.group(2), (Integer.parseInt(m.group(3), 16) & 1) == 1);
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + (sampled ? "01" : "00");
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
