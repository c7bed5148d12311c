package com.coaching.notifications.gateway.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A page of the writer's history ({@code StreamEventPage} of the event contract) as the gateway reads it:
 * each event's data is kept as the exact text the writer sent, which is what was on the topic, never parsed
 * and printed again. So a catch-up streams what the live path streams for the same event, byte for byte
 * (escapes, key order, number formats and spacing included). Read with Jackson's streaming parser, no tree
 * built; members the gateway does not use are skipped. CPU only.
 *
 * @param events    the events, in the writer's order (seq ascending)
 * @param lastSeq   the user's newest seq when the page was read (0 when not sent)
 * @param hasMore   whether events after the last one on this page exist
 * @param oldestSeq the oldest seq the history still holds for the user, or null when not sent
 */
record HistoryPage(List<Event> events, long lastSeq, boolean hasMore, Long oldestSeq) {

    private static final JsonFactory JSON = new JsonFactory();

    /** One event: its seq (the SSE {@code id:}), its SSE event name, and its data as the writer sent it. */
    record Event(long seq, String event, String data) {
    }

    /**
     * @param body the page as the writer answered it (UTF-8 JSON)
     * @throws IllegalStateException or a {@link tools.jackson.core.JacksonException} when it is not a page
     */
    static HistoryPage read(byte[] body) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "a page");
            List<Event> events = List.of();
            long lastSeq = 0;
            boolean hasMore = false;
            Long oldestSeq = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "events" -> events = value == JsonToken.VALUE_NULL ? List.of() : events(parser, body);
                    case "last_seq" -> lastSeq = seq(parser, name);
                    case "has_more" -> hasMore = flag(parser, name);
                    case "oldest_seq" -> oldestSeq = value == JsonToken.VALUE_NULL ? null : seq(parser, name);
                    default -> parser.skipChildren();
                }
            }
            return new HistoryPage(events, lastSeq, hasMore, oldestSeq);
        }
    }

    private static List<Event> events(JsonParser parser, byte[] body) {
        expect(parser.currentToken(), JsonToken.START_ARRAY, "events");
        List<Event> events = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser.currentToken(), JsonToken.START_OBJECT, "an event");
            Long seq = null;
            String event = null;
            String data = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "seq" -> seq = seq(parser, name);
                    case "event" -> event = text(parser, name);
                    case "data" -> data = verbatim(parser, body);
                    default -> parser.skipChildren();
                }
            }
            if (seq == null || event == null || data == null) {
                throw new IllegalStateException("a history event needs seq, event and data");
            }
            events.add(new Event(seq, event, data));
        }
        return events;
    }

    /** The current value's text exactly as in the body, from its first byte to its last. */
    private static String verbatim(JsonParser parser, byte[] body) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        if (parser.currentToken().isStructStart()) {
            parser.skipChildren();
        } else {
            // Strings are read lazily: only a finished token has its end behind it.
            parser.finishToken();
        }
        int end = (int) parser.currentLocation().getByteOffset();
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    private static long seq(JsonParser parser, String name) {
        expect(parser.currentToken(), JsonToken.VALUE_NUMBER_INT, name);
        return parser.getLongValue();
    }

    private static String text(JsonParser parser, String name) {
        expect(parser.currentToken(), JsonToken.VALUE_STRING, name);
        return parser.getString();
    }

    private static boolean flag(JsonParser parser, String name) {
        if (!parser.currentToken().isBoolean()) {
            throw new IllegalStateException(name + " is not a boolean");
        }
        return parser.getBooleanValue();
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " is not " + expected + " but " + actual);
        }
    }
}
