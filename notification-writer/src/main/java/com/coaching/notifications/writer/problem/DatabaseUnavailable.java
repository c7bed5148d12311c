package com.coaching.notifications.writer.problem;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure to reach PostgreSQL (down, restarting, overloaded, network gone, no connection within
 * Hikari's {@code connection-timeout}) from a bug. The API answers the former 503 with
 * {@code Retry-After}, and the request consumer retries it: the pool reconnects by itself once the
 * database is back.
 */
@Component
public class DatabaseUnavailable {

    private final DataSource dataSource;

    public DatabaseUnavailable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Whether an unexpected failure is the database being out of reach: by the failure itself, or, when
     * its shape does not tell (a failed rollback on a connection the pool has already evicted hides the
     * original I/O error behind "Connection is closed"), by asking the database.
     */
    public boolean explains(Throwable failure) {
        return causedBy(failure) || !reachable();
    }

    private boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 53 (insufficient resources: too many connections, out of
     * memory or disk) and 57P (operator intervention: shutdown, crash, "the database system is starting
     * up"), as PostgreSQL reports them while it stops, starts or runs short.
     */
    private static boolean unavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P"));
    }
}
