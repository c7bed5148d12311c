package com.coaching.notifications.writer.problem;

import com.coaching.notifications.events.NotificationType;
import java.time.temporal.Temporal;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/** One offending input of a 400 problem: the field (or parameter) by its name in the API, and what is wrong with it. */
public record FieldProblem(String field, String message) {

    /**
     * The field a JSON reading failure is about (its path, e.g. {@code user_ids[1]}), and what it must
     * be; empty when the failure is not about one field (malformed JSON, not an object).
     */
    public static Optional<FieldProblem> of(JacksonException e) {
        if (e.getPath().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FieldProblem(path(e), expectation(e)));
    }

    /** What a value of this type must be, in the caller's words. */
    public static String expected(Class<?> type) {
        if (type == NotificationType.class) {
            return "one of " + NotificationType.allowed();
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == int.class || type == long.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time";
        }
        return "a valid value";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expectation(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + expected(m.getTargetType());
        }
        if (e instanceof ValueInstantiationException v && v.getType() != null) {
            return "must be " + expected(v.getType().getRawClass());
        }
        return "has an invalid value";
    }
}
