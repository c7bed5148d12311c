package com.coaching.notifications.events;

import java.util.OptionalLong;

/**
 * A user's stream sequence number written as text, as in the {@code ce_seq} header and the SSE {@code id:}:
 * plain decimal digits, no sign, at most {@link #MAX}. The first event of a user has seq {@link #FIRST}.
 */
public final class StreamSeq {

    public static final long FIRST = 1;

    /** 2^53 - 1, the largest integer a browser's JavaScript holds exactly. */
    public static final long MAX = (1L << 53) - 1;

    /** Digits of {@link #MAX}: a longer text cannot be a seq, and a shorter one cannot overflow a long. */
    private static final int MAX_DIGITS = Long.toString(MAX).length();

    private StreamSeq() {
    }

    /** The number {@code text} writes, 0 to {@link #MAX}; empty for anything else (null, a sign, spaces, too large). */
    public static OptionalLong parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        long seq = Long.parseLong(text);
        return seq <= MAX ? OptionalLong.of(seq) : OptionalLong.empty();
    }
}
