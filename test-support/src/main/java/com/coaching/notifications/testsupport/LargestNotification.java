package com.coaching.notifications.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The largest notification the writer's rules accept, as a body of {@code POST /api/notifications}: every
 * text at its length limit, made of a control character that JSON escapes as {@code \u0001} (six bytes per
 * character, the most any character takes), and metadata of exactly the allowed 4096 bytes serialised.
 */
public final class LargestNotification {

    public static final int USER_ID_CHARS = 255;
    public static final int TITLE_CHARS = 200;
    public static final int MESSAGE_CHARS = 2000;
    public static final int METADATA_BYTES = 4096;

    /** JSON writes it as a six-byte escape; not whitespace, so a text of it with one letter is not blank. */
    private static final String WIDEST = "\u0001";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LargestNotification() {
    }

    /**
     * A user id of the largest size and width (a letter first, so it is not blank). Only a writer whose
     * {@code notifications.user-ids.pattern} takes any id accepts it; the default pattern does not.
     */
    public static String userId() {
        return "u" + WIDEST.repeat(USER_ID_CHARS - 1);
    }

    /** The body for {@code userId}, every other field at its limit. */
    public static String body(String userId) {
        return body(userId, TITLE_CHARS, MESSAGE_CHARS, METADATA_BYTES);
    }

    /** The same body with other sizes, to show where the limits are. */
    public static String body(String userId, int titleChars, int messageChars, int metadataBytes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("type", "warning");
        body.put("title", "T" + WIDEST.repeat(titleChars - 1));
        body.put("message", WIDEST.repeat(messageChars));
        body.put("metadata", metadata(metadataBytes));
        body.put("related_session_id", UUID.randomUUID().toString());
        return JSON.writeValueAsString(body);
    }

    /** {@code {"padding":"xx…"}} of exactly {@code bytes} bytes serialised. */
    private static Map<String, Object> metadata(int bytes) {
        int framing = JSON.writeValueAsBytes(Map.of("padding", "")).length;
        return Map.of("padding", "x".repeat(bytes - framing));
    }
}
