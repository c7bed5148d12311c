package com.coaching.notifications.writer.notification;

import com.coaching.notifications.events.EventJson;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Measures the value as it will be stored and published: serialised by the event contract's mapping. */
public class BoundedJsonValidator implements ConstraintValidator<BoundedJson, Object> {

    private int maxBytes;

    @Override
    public void initialize(BoundedJson annotation) {
        maxBytes = annotation.maxBytes();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        return value == null || EventJson.sizeOf(value) <= maxBytes;
    }
}
