package com.coaching.notifications.gateway.fanout;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Whether an event's data (the record value, which goes to the client unchanged) belongs to the record:
 * one well-formed JSON object whose top-level {@code user_id} is the key's user and whose top-level
 * {@code seq}, when present, is {@code ce_seq}. Read with Jackson's streaming parser: the value is tokenised
 * once and no tree is built, nested values are skipped. CPU only, so it never blocks the consumer thread.
 */
final class EventDataCheck {

    private static final String USER_ID = "user_id";
    private static final String SEQ = "seq";
    private static final JsonFactory JSON = new JsonFactory();

    private EventDataCheck() {
    }

    /** The reason to skip the record; empty when its data may be streamed. */
    static Optional<SkipReason> problem(byte[] data, String userId, long seq) {
        String seqText = Long.toString(seq);
        boolean userSeen = false;
        boolean otherUser = false;
        boolean otherSeq = false;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.of(SkipReason.INVALID_JSON);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                // Every occurrence counts: a browser's JSON.parse keeps the last of repeated names.
                if (USER_ID.equals(name)) {
                    userSeen = true;
                    otherUser |= value != JsonToken.VALUE_STRING || !userId.equals(parser.getString());
                } else if (SEQ.equals(name)) {
                    otherSeq |= value != JsonToken.VALUE_NUMBER_INT || !seqText.equals(parser.getString());
                }
                parser.skipChildren();
            }
            // Whatever follows the object would reach the client too.
            if (parser.nextToken() != null) {
                return Optional.of(SkipReason.INVALID_JSON);
            }
        } catch (JacksonException notJson) {
            return Optional.of(SkipReason.INVALID_JSON);
        }
        if (!userSeen || otherUser) {
            return Optional.of(SkipReason.USER_MISMATCH);
        }
        return otherSeq ? Optional.of(SkipReason.SEQ_MISMATCH) : Optional.empty();
    }
}
