package com.coaching.notifications.writer.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;

/** Maps a Java property path of a request record to the names the caller sent. */
public final class JsonNames {

    private JsonNames() {
    }

    /** The field's JSON name; an element's path ({@code userIds[3]}) keeps its index: {@code user_ids[3]}. */
    public static String of(Class<?> type, String path) {
        int end = path.indexOf('[');
        String name = end < 0 ? path : path.substring(0, end);
        String rest = end < 0 ? "" : path.substring(end);
        if (type == null) {
            return path;
        }
        try {
            Field declared = type.getDeclaredField(name);
            JsonProperty property = declared.getAnnotation(JsonProperty.class);
            return (property != null && !property.value().isEmpty() ? property.value() : name) + rest;
        } catch (NoSuchFieldException e) {
            return path;
        }
    }
}
