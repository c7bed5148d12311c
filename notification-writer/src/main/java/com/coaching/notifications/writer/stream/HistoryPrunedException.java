package com.coaching.notifications.writer.stream;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The events a caller asked for are partly gone from the history; answering with a gap would lose them
 * silently. A 410 problem with {@code oldest_seq}: the caller cannot resume and must reload instead.
 */
public class HistoryPrunedException extends ErrorResponseException {

    public HistoryPrunedException(long after, long oldestSeq) {
        super(HttpStatus.GONE, problem(after, oldestSeq), null);
    }

    private static ProblemDetail problem(long after, long oldestSeq) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE,
                "Events after seq " + after + " are no longer kept; the oldest kept is " + oldestSeq + ".");
        problem.setProperty("oldest_seq", oldestSeq);
        return problem;
    }
}
