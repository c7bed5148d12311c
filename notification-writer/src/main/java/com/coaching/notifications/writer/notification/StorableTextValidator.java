package com.coaching.notifications.writer.notification;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Collection;
import java.util.Map;

/** Checks a string, or every key and value of a JSON value as Jackson reads it (maps, lists, scalars). */
public class StorableTextValidator implements ConstraintValidator<StorableText, Object> {

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        return storable(value);
    }

    /** Whether PostgreSQL would store this text, or every text in this JSON value, exactly as it is. */
    public static boolean storable(Object value) {
        if (value instanceof CharSequence text) {
            return storableText(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().allMatch(e -> storable(e.getKey()) && storable(e.getValue()));
        }
        if (value instanceof Collection<?> values) {
            return values.stream().allMatch(StorableTextValidator::storable);
        }
        return true;
    }

    private static boolean storableText(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++; // a pair: one supplementary character
            }
        }
        return true;
    }
}
