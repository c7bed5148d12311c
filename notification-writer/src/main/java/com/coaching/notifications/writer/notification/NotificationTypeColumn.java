package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.NotificationType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link NotificationType} under its API name ({@code info}, {@code success}, ...). */
@Converter(autoApply = true)
public class NotificationTypeColumn implements AttributeConverter<NotificationType, String> {

    @Override
    public String convertToDatabaseColumn(NotificationType type) {
        return type == null ? null : type.json();
    }

    @Override
    public NotificationType convertToEntityAttribute(String value) {
        return value == null ? null : NotificationType.fromJson(value);
    }
}
