package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import com.coaching.notifications.writer.outbox.Outbox;
import com.coaching.notifications.writer.outbox.OutboxProperties;
import com.coaching.notifications.writer.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The writer's broker is unreachable: creating still works, the event waits in the outbox and the
 * relay keeps retrying; once a broker is reachable the waiting row is published and removed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "notifications.outbox.sweep-interval=200ms",
        "spring.kafka.producer.properties.max.block.ms=300",
        "spring.kafka.producer.properties.request.timeout.ms=300",
        "spring.kafka.producer.properties.delivery.timeout.ms=600",
        // Creating the topic is not what this test is about, and would only wait for the absent broker.
        "spring.kafka.admin.auto-create=false"})
class KafkaOutageTest {

    private static final TestPostgres DATABASE = TestPostgres.newDatabase();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        WriterProperties.register(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    OutboxProperties properties;

    @Test
    void eventsWaitInTheOutboxWhileKafkaIsDownAndArePublishedOnceItIsBack() {
        String user = "user-" + UUID.randomUUID();
        double failuresBefore = failures();

        HttpResponse created = new WriterClient(port).post("/api/notifications",
                TestTokens.service("notifications:write"), WriterClient.notificationFor(user, "during outage"));

        assertThat(created.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> failures() >= failuresBefore + 3);
        assertThat(outboxRows(user)).isEqualTo(1);

        // The broker is back (for a relay that can reach it): the waiting row goes out and is removed.
        DefaultKafkaProducerFactory<String, byte[]> reachableKafka = reachableKafka();
        try {
            OutboxRelay reachable = new OutboxRelay(outbox, new KafkaTemplate<>(reachableKafka), transactions,
                    properties, new SimpleMeterRegistry());
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                reachable.publishPending();
                return outboxRows(user) == 0;
            });
        } finally {
            reachableKafka.destroy();
        }
        assertThat(TopicReader.recordsFor(user)).hasSize(1);
    }

    private double failures() {
        return meters.get("notifications.outbox.publish.failures").counter().count();
    }

    private long outboxRows(String userId) {
        return jdbc.sql("select count(*) from outbox where user_id = ?").param(userId).query(Long.class).single();
    }

    private static DefaultKafkaProducerFactory<String, byte[]> reachableKafka() {
        return new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A port nothing listens on. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
