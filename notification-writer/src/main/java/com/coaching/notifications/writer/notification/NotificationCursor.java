package com.coaching.notifications.writer.notification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a listing starts: below the seq of the last notification shown. Opaque to
 * clients (base64url), so its form can change; Spring MVC builds it from the {@code cursor}
 * parameter with {@link #valueOf}, and a bad one is a 400 naming {@code cursor}.
 */
public record NotificationCursor(long beforeSeq) {

    private static final String PREFIX = "v1:";

    public static NotificationCursor valueOf(String text) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor");
        }
        if (!decoded.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a cursor");
        }
        long seq = Long.parseLong(decoded.substring(PREFIX.length()));
        if (seq < 1) {
            throw new IllegalArgumentException("not a cursor");
        }
        return new NotificationCursor(seq);
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + beforeSeq).getBytes(StandardCharsets.UTF_8));
    }
}
