package com.coaching.notifications.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a notification presents itself: the story's {@code info|success|warning|error}. */
public enum NotificationType {
    INFO, SUCCESS, WARNING, ERROR;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static NotificationType fromJson(String value) {
        return Arrays.stream(values())
                .filter(t -> t.json().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown notification type '" + value + "', expected one of " + allowed()));
    }

    public static String allowed() {
        return Arrays.stream(values()).map(NotificationType::json).collect(Collectors.joining("|"));
    }
}
