package com.coaching.notifications.writer.userid;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Matches {@code notifications.user-ids.pattern}. Null and blank are left to the rules that report them. */
@Documented
@Constraint(validatedBy = UserIdPatternValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface UserIdPattern {

    String message() default "must match notifications.user-ids.pattern";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
