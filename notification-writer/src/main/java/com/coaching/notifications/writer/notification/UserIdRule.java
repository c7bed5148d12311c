package com.coaching.notifications.writer.notification;

import com.coaching.notifications.writer.userid.UserIdPattern;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A user id: not blank, at most 255 characters, storable text, matching {@code notifications.user-ids.pattern}.
 * Each broken part is reported on its own.
 */
@Documented
@NotBlank @Size(max = 255) @StorableText @UserIdPattern
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface UserIdRule {

    String message() default "is invalid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
