package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.EventJson;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.charset.StandardCharsets;

/** Measures the value as it will be stored and published: serialised by the event contract's mapping. */
public class BoundedJsonValidator implements ConstraintValidator<BoundedJson, Object> {

    private int maxBytes;

    @Override
    public void initialize(BoundedJson annotation) {
        maxBytes = annotation.maxBytes();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        byte[] json = EventJson.toBytes(value);
        // Jackson escapes a NUL inside a string as \u0000, which jsonb rejects.
        return json.length <= maxBytes && !new String(json, StandardCharsets.UTF_8).contains("\\u0000");
    }
}
