package com.coaching.notifications.writer.userid;

import com.coaching.notifications.auth.UserIds;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Created by Spring's validator factory, which injects the configured rule. */
public class UserIdPatternValidator implements ConstraintValidator<UserIdPattern, String> {

    private final UserIds userIds;

    public UserIdPatternValidator(UserIds userIds) {
        this.userIds = userIds;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || value.isBlank() || userIds.matches(value);
    }
}
