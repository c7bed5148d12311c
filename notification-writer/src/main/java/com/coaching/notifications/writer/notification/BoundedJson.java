package com.coaching.notifications.writer.notification;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A free-form JSON value whose serialised form stays within {@link #maxBytes()}. Null is valid. */
@Documented
@Constraint(validatedBy = BoundedJsonValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedJson {

    int maxBytes();

    String message() default "must serialise to at most {maxBytes} bytes of JSON";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
