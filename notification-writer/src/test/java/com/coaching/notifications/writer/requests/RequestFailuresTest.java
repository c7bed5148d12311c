package com.coaching.notifications.writer.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationRequest;
import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.writer.problem.DatabaseUnavailable;
import com.coaching.notifications.writer.requests.RequestFailures.Kind;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * What each failure of the request listener means, on real failures: PostgreSQL's own errors as its
 * JDBC driver and Spring's translation raise them (from a real server where one can be provoked), a
 * database that is not there, Kafka's and Jackson's exceptions.
 */
class RequestFailuresTest {

    private static final RequestsProperties RETRY = new RequestsProperties("group", 3, Duration.ofMillis(500),
            Duration.ofSeconds(10), 3);

    private static JdbcTemplate database;
    private static DataSource nothingListening;
    private static RequestFailures withDatabaseUp;
    private static RequestFailures withDatabaseDown;

    @BeforeAll
    static void databases() {
        TestPostgres postgres = TestPostgres.newDatabase();
        DataSource up = new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.jdbcUrl(),
                postgres.username(), postgres.password());
        database = new JdbcTemplate(up);
        nothingListening = new SimpleDriverDataSource(new org.postgresql.Driver(),
                "jdbc:postgresql://127.0.0.1:" + FreePorts.pick() + "/none?connectTimeout=2", "nobody", "none");
        withDatabaseUp = new RequestFailures(new DatabaseUnavailable(up), RETRY);
        withDatabaseDown = new RequestFailures(new DatabaseUnavailable(nothingListening), RETRY);
    }

    @Test
    void badDataAndBrokenRulesCanNeverSucceed() {
        List<Throwable> failures = List.of(
                new RejectedRequestException("title: must not be blank"),
                // What a lone surrogate in metadata did: jsonb refuses it (SQLSTATE 22P05).
                sql("select '{\"k\": \"\\ud800\"}'::jsonb"),
                // Data exceptions, class 22: a value too long for its column, an invalid number.
                sql("create temporary table short_text (v varchar(2)); insert into short_text values ('abc')"),
                sql("select 'x'::integer"),
                // Integrity, class 23.
                sql("create temporary table once (v int primary key); insert into once values (1); insert into once values (1)"),
                sql("create temporary table required (v int not null); insert into required values (null)"),
                // The same, as the driver raises it before Spring translates it.
                new PSQLException(new ServerErrorMessage("SERROR\0C22021\0Minvalid byte sequence for encoding \"UTF8\"\0")),
                jsonError());

        for (Throwable failure : failures) {
            assertThat(withDatabaseUp.classify(failure)).as(describe(failure)).isEqualTo(Kind.PERMANENT);
            // Down or not, retrying would not help.
            assertThat(withDatabaseDown.classify(failure)).as(describe(failure)).isEqualTo(Kind.PERMANENT);
            assertThat(withDatabaseUp.classify(new ListenerExecutionFailedException("listener failed", failure)))
                    .as("wrapped by the container: " + describe(failure)).isEqualTo(Kind.PERMANENT);
        }
    }

    @Test
    void anUnreachableOrOverloadedDatabaseAndLostLocksAreWorthWaitingFor() {
        List<Throwable> failures = new ArrayList<>(List.of(
                // Nothing listening: the driver's 08001 inside Spring's CannotGetJdbcConnectionException.
                catchThrowable(() -> new JdbcTemplate(nothingListening).execute("select 1")),
                catchThrowable(() -> new DataSourceTransactionManager(nothingListening)
                        .getTransaction(new DefaultTransactionDefinition())),
                // The pool found no connection in time.
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms."),
                // The server went away under a session (57P01), as in a restart.
                sql("select pg_terminate_backend(pg_backend_pid())"),
                // Lost a lock race or a serialisation conflict; too many connections; shutting down.
                translated("40P01", "deadlock detected"),
                translated("40001", "could not serialize access due to concurrent update"),
                translated("53300", "sorry, too many clients already"),
                translated("57P03", "the database system is starting up"),
                translated("08006", "An I/O error occurred while sending to the backend."),
                // A statement cancelled by its timeout (57014).
                sql("set statement_timeout = 10; select pg_sleep(1)"),
                // The broker did not answer in time.
                new TimeoutException("Expiring 1 record(s) for notifications.requests.DLT-0")));

        for (Throwable failure : failures) {
            assertThat(failure).isNotNull();
            assertThat(withDatabaseUp.classify(failure)).as(describe(failure)).isEqualTo(Kind.TRANSIENT);
            assertThat(withDatabaseUp.classify(new ListenerExecutionFailedException("listener failed", failure)))
                    .as("wrapped by the container: " + describe(failure)).isEqualTo(Kind.TRANSIENT);
        }
    }

    @Test
    void aFailureOfNoKnownShapeIsTransientOnlyWhileTheDatabaseIsOutOfReach() {
        // A rollback on a connection the pool has already evicted hides the I/O error that caused it.
        Throwable hidden = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed"));
        Throwable bug = new NullPointerException("Cannot invoke \"String.length()\" because \"title\" is null");
        Throwable badSql = sql("select * from no_such_table");

        for (Throwable failure : List.of(hidden, bug, badSql)) {
            assertThat(withDatabaseUp.classify(failure)).as(describe(failure)).isEqualTo(Kind.UNEXPECTED);
            assertThat(withDatabaseDown.classify(failure)).as(describe(failure)).isEqualTo(Kind.TRANSIENT);
        }
    }

    @Test
    void permanentFailuresAreNotRetriedTransientOnesForEverAndUnexpectedOnesAFewTimes() {
        assertThat(delays(withDatabaseUp.backOff(Kind.PERMANENT), 5)).isEmpty();
        assertThat(delays(withDatabaseUp.backOff(Kind.UNEXPECTED), 10)).containsExactly(500L, 1000L, 2000L);
        List<Long> transientDelays = delays(withDatabaseUp.backOff(Kind.TRANSIENT), 10_000);
        assertThat(transientDelays).hasSize(10_000);
        assertThat(transientDelays.subList(0, 7)).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L);
        assertThat(transientDelays).allMatch(delay -> delay <= 10_000L);
    }

    @Test
    void theReasonIsOneLineAndPrefersTheRejectionsOwnWords() {
        assertThat(RequestFailures.reason(new ListenerExecutionFailedException("listener failed",
                new RejectedRequestException("title: must not be blank")))).isEqualTo("title: must not be blank");

        String reason = RequestFailures.reason(new ListenerExecutionFailedException("listener failed",
                sql("select '{\"k\": \"\\ud800\"}'::jsonb")));
        assertThat(reason).startsWith("PSQLException: ").contains("Unicode").doesNotContain("\n");
    }

    private static List<Long> delays(BackOff backOff, int atMost) {
        BackOffExecution execution = backOff.start();
        List<Long> delays = new ArrayList<>();
        for (long next = execution.nextBackOff(); next != BackOffExecution.STOP && delays.size() < atMost;
             next = execution.nextBackOff()) {
            delays.add(next);
        }
        return delays;
    }

    /** The exception Spring raises for these statements on a real PostgreSQL. */
    private static DataAccessException sql(String statements) {
        try {
            database.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
                try (var statement = connection.createStatement()) {
                    for (String sql : statements.split(";")) {
                        statement.execute(sql);
                    }
                }
                return null;
            });
        } catch (DataAccessException e) {
            return e;
        }
        throw new AssertionError("expected PostgreSQL to refuse: " + statements);
    }

    /** What Spring makes of a PostgreSQL error that a test cannot provoke on demand. */
    private static DataAccessException translated(String sqlState, String message) {
        PSQLException error = new PSQLException(new ServerErrorMessage("SERROR\0C" + sqlState + "\0M" + message + "\0"));
        return new SQLErrorCodeSQLExceptionTranslator("PostgreSQL").translate("insert", "insert into notification", error);
    }

    private static Throwable jsonError() {
        return catchThrowable(() -> EventJson.fromBytes("{\"title\": ".getBytes(StandardCharsets.UTF_8),
                NotificationRequest.class));
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
