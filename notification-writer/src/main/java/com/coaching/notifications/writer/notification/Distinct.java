package com.coaching.notifications.writer.notification;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A collection without repeated elements. Null is valid. */
@Documented
@Constraint(validatedBy = DistinctValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Distinct {

    String message() default "must not contain the same value twice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
