package com.coaching.notifications.writer.notification;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Collection;
import java.util.HashSet;

public class DistinctValidator implements ConstraintValidator<Distinct, Collection<?>> {

    @Override
    public boolean isValid(Collection<?> values, ConstraintValidatorContext context) {
        return values == null || new HashSet<>(values).size() == values.size();
    }
}
