package com.coaching.notifications.writer.notification;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text that PostgreSQL stores exactly as sent: valid Unicode and no NUL. Neither {@code text} nor
 * {@code jsonb} can hold NUL; a lone UTF-16 surrogate (half of an emoji cut in two, which a JSON
 * escape lets through) is stored as {@code ?} in {@code text} by the JDBC driver and refused by
 * {@code jsonb}. On a JSON value (a map, a list) every key and value at any depth must be
 * such text. Null is valid.
 */
@Documented
@Constraint(validatedBy = StorableTextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface StorableText {

    String message() default "must be valid Unicode text without NUL characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
