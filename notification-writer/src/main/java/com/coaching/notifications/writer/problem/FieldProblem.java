package com.coaching.notifications.writer.problem;

/** One offending input of a 400 problem: the field (or parameter) by its name in the API, and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
