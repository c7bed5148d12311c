package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/** Stores a {@link NotificationStatus} under its API name ({@code unread}, {@code read}). */
@Converter(autoApply = true)
public class NotificationStatusColumn implements AttributeConverter<NotificationStatus, String> {

    @Override
    public String convertToDatabaseColumn(NotificationStatus status) {
        return status == null ? null : status.json();
    }

    @Override
    public NotificationStatus convertToEntityAttribute(String value) {
        return value == null ? null : Arrays.stream(NotificationStatus.values())
                .filter(s -> s.json().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown notification status in the database: " + value));
    }
}
