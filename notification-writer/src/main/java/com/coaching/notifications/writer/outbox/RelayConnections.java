package com.coaching.notifications.writer.outbox;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's own database connections: a small Hikari pool ({@code notifications.outbox.pool-size},
 * named {@value #POOL_NAME}) beside the application's, so that requests holding every connection of
 * the application's pool cannot keep the relay from publishing. It connects like the application's
 * pool (a copy of its configuration: URL, credentials, timeouts, driver properties).
 *
 * <p>Neither the pool nor its transaction manager is a bean: Spring Boot's DataSource and JPA
 * auto-configuration back off when another DataSource or transaction manager bean exists. The pool
 * opens its connections on first use and is closed when the context closes, after the relay's
 * workers have stopped (lifecycle beans stop before beans are destroyed).
 */
@Component
public class RelayConnections implements DisposableBean {

    static final String POOL_NAME = "outbox-relay";

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public RelayConnections(DataSource application, OutboxProperties properties, MeterRegistry meters) {
        this.pool = new HikariDataSource();
        unwrap(application).copyStateTo(pool);
        pool.setPoolName(POOL_NAME);
        pool.setMaximumPoolSize(properties.poolSize());
        if (pool.getMetricRegistry() == null && pool.getMetricsTrackerFactory() == null) {
            // As Spring Boot does for the application's pool: hikaricp_* meters, tagged pool="outbox-relay".
            pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        this.jdbc = JdbcClient.create(pool);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(pool));
    }

    private static HikariDataSource unwrap(DataSource application) {
        try {
            return application.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("The outbox relay copies the settings of the application's connection pool, "
                    + "which must be Hikari (spring.datasource.type), not " + application.getClass().getName(), e);
        }
    }

    /** Statements on the relay's connections: in the current relay transaction, if there is one. */
    JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * Transactions on the relay's connections. One started here joins a relay transaction already
     * running on the thread, never one of the application's transaction manager.
     */
    public TransactionTemplate transactions() {
        return transactions;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
