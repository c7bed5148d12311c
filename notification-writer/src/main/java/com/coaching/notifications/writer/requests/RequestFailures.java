package com.coaching.notifications.writer.requests;

import com.coaching.notifications.writer.problem.DatabaseUnavailable;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

/**
 * What a failure of the request listener means for its record, and so how long the partition waits
 * for it. A record that can never succeed goes to the dead-letter topic at once; one that failed for
 * a reason that passes (the database or the broker out of reach, a lost lock race) is retried with
 * exponential back-off for as long as that lasts, so no request is lost to an outage; any other
 * failure (a bug) is retried a few times and then set aside too, so that no record holds up its
 * partition for ever.
 */
@Component
public class RequestFailures {

    private static final Logger log = LoggerFactory.getLogger(RequestFailures.class);

    /** The longest dead-letter reason: a header, read by people. */
    private static final int MAX_REASON = 500;

    public enum Kind {
        /** Bad data or a broken rule: the same record fails the same way every time. */
        PERMANENT,
        /** The database or the broker is out of reach or overloaded, or a lock race was lost. */
        TRANSIENT,
        /** Neither known to pass nor known to be permanent. */
        UNEXPECTED
    }

    private final DatabaseUnavailable databaseUnavailable;
    private final RequestsProperties properties;

    public RequestFailures(DatabaseUnavailable databaseUnavailable, RequestsProperties properties) {
        this.databaseUnavailable = databaseUnavailable;
        this.properties = properties;
    }

    /**
     * Permanent wins: a record whose data the database refused must not wait for ever because the
     * failure also mentions a lost connection.
     */
    public Kind classify(Throwable failure) {
        if (anyCause(failure, RequestFailures::permanent)) {
            return Kind.PERMANENT;
        }
        if (anyCause(failure, RequestFailures::passing) || databaseUnavailable.explains(failure)) {
            return Kind.TRANSIENT;
        }
        return Kind.UNEXPECTED;
    }

    /**
     * The back-off for a record's failure, logged once: the container asks again only when the record
     * fails with another exception. A bug is logged with its stack trace, the rest in one line.
     */
    public BackOff backOff(ConsumerRecord<?, ?> record, Exception failure) {
        Kind kind = classify(failure);
        String where = KafkaUtils.format(record);
        switch (kind) {
            case PERMANENT -> log.warn("Request {} can never be processed, setting it aside: {}", where, reason(failure));
            case TRANSIENT -> log.warn("Request {} failed, retrying for as long as it takes: {}", where, reason(failure));
            case UNEXPECTED -> log.error("Request {} failed unexpectedly, retrying {} times before setting it aside",
                    where, properties.unexpectedFailureRetries(), failure);
        }
        return backOff(kind);
    }

    public BackOff backOff(Kind kind) {
        return switch (kind) {
            case PERMANENT -> new FixedBackOff(0, 0);
            case TRANSIENT -> exponential(ExponentialBackOff.DEFAULT_MAX_ATTEMPTS);
            case UNEXPECTED -> exponential(properties.unexpectedFailureRetries());
        };
    }

    /** One line for the dead-letter header: the rejection's own words, else the innermost failure's. */
    public static String reason(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RejectedRequestException rejected) {
                return oneLine(rejected.getMessage());
            }
            innermost = t;
        }
        return oneLine(innermost.getClass().getSimpleName() + ": " + innermost.getMessage());
    }

    private BackOff exponential(long retries) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        backOff.setMaxAttempts(retries);
        return backOff;
    }

    private static boolean permanent(Throwable t) {
        return t instanceof RejectedRequestException
                || t instanceof ConstraintViolationException
                || t instanceof JacksonException
                // Spring's translation of SQLSTATE classes 22 (data exception) and 23 (integrity).
                || t instanceof DataIntegrityViolationException
                || t instanceof SQLDataException
                || t instanceof SQLIntegrityConstraintViolationException
                || t instanceof SQLException sql && sqlStateClass(sql, "22", "23");
    }

    /** Besides an unreachable database (see {@link DatabaseUnavailable}): what may succeed when tried again. */
    private static boolean passing(Throwable t) {
        return t instanceof TransientDataAccessException
                || t instanceof RecoverableDataAccessException
                || t instanceof SQLTransientException
                || t instanceof SQLRecoverableException
                // Deadlock and serialisation failure (class 40): the other transaction has finished.
                || t instanceof SQLException sql && sqlStateClass(sql, "40")
                || t instanceof RetriableException;
    }

    private static boolean sqlStateClass(SQLException e, String... classes) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        for (String c : classes) {
            if (state.startsWith(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String text) {
        String line = String.valueOf(text).replaceAll("\\s+", " ").strip();
        // Counted in code points, so that the cut never splits a surrogate pair.
        return line.codePointCount(0, line.length()) <= MAX_REASON ? line
                : line.substring(0, line.offsetByCodePoints(0, MAX_REASON - 1)) + "…";
    }
}
