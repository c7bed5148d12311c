package com.coaching.notifications.events;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The one JSON mapping of the event contract. Writers, gateways and audit readers all go through it,
 * so the bytes on the topic do not depend on any service's own Jackson settings.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // Newer producers may add fields; old consumers must keep working.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** For values whose schema allows nothing else: see {@link #fromBytesStrictly}. */
    private static final JsonMapper STRICT = exactTypes(MAPPER.rebuild())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A reader per type, made once: a mapper's readValue looks up the type and its deserializer on every call. */
    private static final ClassValue<ObjectReader> READERS = readers(MAPPER);
    private static final ClassValue<ObjectReader> STRICT_READERS = readers(STRICT);

    private EventJson() {
    }

    public static byte[] toBytes(Object event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /**
     * The length of what {@link #toBytes} returns, counted as it is written instead of collected: a size
     * limit is checked without building the bytes, and so without a second copy of them.
     */
    public static long sizeOf(Object value) {
        ByteCount count = new ByteCount();
        MAPPER.writeValue(count, value);
        return count.bytes;
    }

    public static <T> T fromBytes(byte[] json, Class<T> type) {
        return read(READERS, json, type);
    }

    /**
     * Reads what another service sent, held to a schema with {@code additionalProperties: false}: the
     * bytes must be UTF-8 (Jackson alone lets an over-long encoding through), and an unknown field, a
     * field sent twice, or a value of another JSON type than the schema's is refused instead of being
     * ignored, overwritten or converted.
     */
    public static <T> T fromBytesStrictly(byte[] json, Class<T> type) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports malformed input, never replaces it
        ByteBuffer bytes = ByteBuffer.wrap(json);
        try {
            utf8.decode(bytes);
        } catch (CharacterCodingException e) {
            throw new InvalidEventException("not valid UTF-8 (at byte " + bytes.position() + ")", e);
        }
        return read(STRICT_READERS, json, type);
    }

    /**
     * Makes a mapper read every JSON value only as its own type, as a schema's {@code type} means it:
     * no number or boolean as a string, no empty string as null (a UUID, an object). Jackson converts
     * both by default.
     */
    public static JsonMapper.Builder exactTypes(JsonMapper.Builder builder) {
        return builder
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfigDefaults(all -> all.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
    }

    private static ClassValue<ObjectReader> readers(JsonMapper mapper) {
        return new ClassValue<>() {
            @Override
            protected ObjectReader computeValue(Class<?> type) {
                return mapper.readerFor(type);
            }
        };
    }

    private static <T> T read(ClassValue<ObjectReader> readers, byte[] json, Class<T> type) {
        try {
            return readers.get(type).readValue(json);
        } catch (JacksonException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static final class ByteCount extends OutputStream {

        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /** Thrown when bytes on the topic do not match the contract. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
