package com.coaching.notifications.auth;

import jakarta.validation.constraints.NotBlank;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a user id looks like ({@code notifications.user-ids.*}).
 *
 * @param pattern the regular expression every user id must match as a whole (default
 *                {@code [A-Za-z0-9][A-Za-z0-9._@:-]{0,254}}: Keycloak subjects (UUIDs), ids such as
 *                {@code user-<uuid>} or {@code alice}, e-mail-like and colon-scoped ids, at most 255 characters).
 *                A notification for an id that does not match is a 400 (a dead-lettered record on the request
 *                topic), and a user token whose subject does not match is a 403, so that made-up ids cannot
 *                grow the per-user tables without bound
 */
@Validated
@ConfigurationProperties("notifications.user-ids")
public record UserIdProperties(@DefaultValue("[A-Za-z0-9][A-Za-z0-9._@:-]{0,254}") @NotBlank String pattern) {

    public UserIdProperties {
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("notifications.user-ids.pattern is no regular expression: "
                        + e.getDescription(), e);
            }
        }
    }
}
