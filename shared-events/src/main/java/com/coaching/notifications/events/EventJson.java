package com.coaching.notifications.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of the event contract. Writers, gateways and audit readers all go through it,
 * so the bytes on the topic do not depend on any service's own Jackson settings.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // Newer producers may add fields; old consumers must keep working.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static byte[] toBytes(Object event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static <T> T fromBytes(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Thrown when bytes on the topic do not match the contract. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
