package com.coaching.notifications.auth;

import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The user id rule of {@link UserIdProperties}, compiled once: the one rule by which the writer takes ids
 * and both services take token subjects.
 */
public class UserIds {

    private final Pattern pattern;

    public UserIds(UserIdProperties properties) {
        this.pattern = Pattern.compile(properties.pattern());
    }

    /** Whether the id matches the pattern as a whole. */
    public boolean matches(String userId) {
        return pattern.matcher(userId).matches();
    }

    /**
     * The user a user token speaks for, its subject; a subject outside the pattern is refused (403) rather
     * than served an empty inbox, so that a caller learns at once that its tokens name nobody.
     */
    public String subjectOf(Jwt token) {
        String subject = token.getSubject();
        if (!matches(subject)) {
            throw new SubjectNotAUserIdException();
        }
        return subject;
    }
}
