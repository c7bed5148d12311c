package com.coaching.notifications.writer;

import static com.coaching.notifications.writer.RequestJson.utf8;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests that can never be stored as sent, shared by the REST tests and the request topic tests so
 * that both sides are held to the same inputs. Each is rendered for one user as {@link RequestJson} is.
 */
final class BadRequests {

    /** A valid request with one field's JSON replaced (null: left out); {@code field} is its name in the API. */
    record BadField(String name, String field, String json) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** A request whose whole value is wrong: not an object, or not UTF-8; nothing names a field. */
    record BadBody(String name, Body body) {

        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Body {
        byte[] render(String user, boolean withRequestId);
    }

    private BadRequests() {
    }

    static List<BadField> fields() {
        return List.of(
                new BadField("user_id missing", "user_id", null),
                new BadField("user_id blank", "user_id", "\"  \""),
                new BadField("type missing", "type", null),
                new BadField("title missing", "title", null),
                new BadField("title blank", "title", "\"   \""),
                new BadField("message missing", "message", null),
                // A producer that cuts an emoji (a surrogate pair) in half sends one of its halves.
                new BadField("title with a lone high surrogate", "title", "\"cut \\ud83d emoji\""),
                new BadField("title with a lone low surrogate", "title", "\"\\ude00\""),
                new BadField("title with its surrogates in the wrong order", "title", "\"\\ude00\\ud83d\""),
                new BadField("message with a lone surrogate", "message", "\"half \\ud800\""),
                new BadField("user_id with a lone surrogate", "user_id", "\"USER\\udbff\""),
                new BadField("metadata key with a lone surrogate", "metadata", "{\"\\ud800\": 1}"),
                new BadField("metadata value with a lone surrogate", "metadata", "{\"k\": \"\\ud800\"}"),
                new BadField("nested metadata value with a lone surrogate", "metadata",
                        "{\"a\": {\"b\": [\"fine\", \"\\udfff\"]}}"),
                new BadField("title with NUL", "title", "\"a\\u0000b\""),
                new BadField("message with NUL", "message", "\"\\u0000\""),
                new BadField("user_id with NUL", "user_id", "\"USER\\u0000\""),
                new BadField("nested metadata value with NUL", "metadata", "{\"a\": [\"\\u0000\"]}"),
                new BadField("title over 200", "title", "\"" + "t".repeat(201) + "\""),
                new BadField("message over 2000", "message", "\"" + "m".repeat(2001) + "\""),
                new BadField("user_id over 255", "user_id", "\"USER" + "u".repeat(256) + "\""),
                new BadField("metadata over 4 KB", "metadata", "{\"blob\": \"" + "b".repeat(5000) + "\"}"),
                new BadField("title a number", "title", "5"),
                new BadField("message a boolean", "message", "false"),
                new BadField("user_id a number", "user_id", "42"),
                // Outside notifications.user-ids.pattern: made-up ids must not each get a stream row.
                new BadField("user_id with a space", "user_id", "\"USER x\""),
                new BadField("user_id with a slash", "user_id", "\"USER/x\""),
                new BadField("user_id starting with a dash", "user_id", "\"-USER\""),
                new BadField("unknown type", "type", "\"nope\""),
                new BadField("metadata a string", "metadata", "\"x\""),
                new BadField("metadata an array", "metadata", "[1, 2]"),
                new BadField("related_session_id not a UUID", "related_session_id", "\"x\""),
                new BadField("related_session_id empty", "related_session_id", "\"\""));
    }

    static List<BadBody> bodies() {
        return List.of(
                new BadBody("not JSON (cut short)", (user, id) -> utf8(RequestJson.of(user, id, Map.of()).substring(0, 30))),
                new BadBody("a JSON array", (user, id) -> utf8("[" + RequestJson.of(user, id, Map.of()) + "]")),
                new BadBody("a JSON number", (user, id) -> utf8("42")),
                new BadBody("a JSON string", (user, id) -> utf8("\"notify me\"")),
                new BadBody("JSON null", (user, id) -> utf8("null")),
                new BadBody("an empty value", (user, id) -> new byte[0]),
                new BadBody("a byte that is never UTF-8 (0xFF)", (user, id) -> withTitleBytes(user, id, 0xFF)),
                new BadBody("a UTF-8 sequence cut short", (user, id) -> withTitleBytes(user, id, 0xE2, 0x82)),
                new BadBody("an over-long UTF-8 encoding of 'A'", (user, id) -> withTitleBytes(user, id, 0xC1, 0x81)),
                new BadBody("a surrogate encoded as UTF-8", (user, id) -> withTitleBytes(user, id, 0xED, 0xA0, 0x80)));
    }

    /** A valid request for the user with this field replaced, as JSON text. */
    static String json(String user, boolean withRequestId, BadField bad) {
        Map<String, String> replaced = new HashMap<>();
        replaced.put(bad.field(), bad.json());
        return RequestJson.of(user, withRequestId, replaced);
    }

    /** A valid request whose title holds these raw bytes. */
    private static byte[] withTitleBytes(String user, boolean withRequestId, int... bytes) {
        String[] around = RequestJson.of(user, withRequestId, Map.of("title", "\"before|after\"")).split("\\|");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(around[0]));
        for (int b : bytes) {
            out.write(b);
        }
        out.writeBytes(utf8(around[1]));
        return out.toByteArray();
    }
}
