package com.coaching.notifications.writer;

import com.coaching.notifications.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The writer as it runs: real HTTP on a random port, a PostgreSQL database of its own, the real Kafka
 * broker, real RS256 tokens. Subclasses share one application context; they stay independent by
 * using fresh user ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WriterIntegrationTest {

    private static final TestPostgres DATABASE = TestPostgres.newDatabase();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        WriterProperties.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    WriterClient client;

    @BeforeEach
    void client() {
        client = new WriterClient(port);
    }

    long storedNotifications(String userId) {
        return jdbc.sql("select count(*) from notification where user_id = ?").param(userId).query(Long.class).single();
    }

    long outboxRows(String userId) {
        return jdbc.sql("select count(*) from outbox where user_id = ?").param(userId).query(Long.class).single();
    }

    long outboxRows() {
        return jdbc.sql("select count(*) from outbox").query(Long.class).single();
    }
}
