package com.coaching.notifications.writer;

import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import com.coaching.notifications.writer.outbox.OutboxProperties;
import com.coaching.notifications.writer.requests.RejectedRequestException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole writer started by a test, beside others on the same database, as replicas run: its own
 * application context, HTTP port, relay and consumer.
 */
final class WriterInstance implements AutoCloseable {

    final ConfigurableApplicationContext context;

    private WriterInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static WriterInstance start(TestPostgres database, String bootstrapServers, String... properties) {
        return startOn(database.jdbcUrl(), database.username(), database.password(), bootstrapServers, properties);
    }

    /** On a database the test runs itself, e.g. a PostgreSQL it stops and starts again. */
    static WriterInstance startOn(String jdbcUrl, String username, String password, String bootstrapServers,
                                  String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=" + username,
                "spring.datasource.password=" + password,
                "spring.kafka.bootstrap-servers=" + bootstrapServers,
                "spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                "spring.security.oauth2.resourceserver.jwt.audiences=" + TestTokens.AUDIENCE,
                "notifications.requests.group-id=writer-test-" + UUID.randomUUID()));
        all.addAll(List.of(properties));
        // As command-line arguments: they override application.yml (builder defaults would not).
        return new WriterInstance(new SpringApplicationBuilder(NotificationWriterApplication.class)
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new)));
    }

    WriterClient client() {
        return new WriterClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    double published() {
        return context.getBean(MeterRegistry.class).get("notifications.outbox.published").counter().count();
    }

    double publishFailures() {
        return context.getBean(MeterRegistry.class).get("notifications.outbox.publish.failures").counter().count();
    }

    /**
     * Deliveries of request records that failed other than by being rejected (as bad data is), as Spring
     * Kafka's listener timer counts them by exception.
     */
    long requestDeliveriesFailedWithoutRejection() {
        // The listener's observation timer: its error tag names the exception, "none" for a success.
        return context.getBean(MeterRegistry.class).find("spring.kafka.listener").timers().stream()
                .filter(t -> t.getId().getTag("error") != null && !"none".equals(t.getId().getTag("error")))
                .filter(t -> !RejectedRequestException.class.getSimpleName().equals(t.getId().getTag("error")))
                .mapToLong(Timer::count).sum();
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    long outboxRows() {
        return context.getBean(JdbcClient.class).sql("select count(*) from outbox").query(Long.class).single();
    }

    OutboxProperties outboxProperties() {
        return context.getBean(OutboxProperties.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
