package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import com.coaching.notifications.writer.outbox.Outbox;
import com.coaching.notifications.writer.outbox.OutboxProperties;
import com.coaching.notifications.writer.outbox.OutboxPartition;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writer's broker is unreachable: creating still answers 201, the events wait in the outbox and the
 * relay keeps retrying; once a broker is reachable every waiting row is published, in seq order, and removed.
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
    OutboxProperties properties;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void eventsWaitInTheOutboxWhileKafkaIsDownAndAllArriveInSeqOrderOnceItIsBack() {
        String user = "user-" + UUID.randomUUID();
        double failuresBefore = failures();
        WriterClient client = new WriterClient(port);

        for (int i = 1; i <= 10; i++) {
            HttpResponse created = client.post("/api/notifications",
                    TestTokens.service("notifications:write"), WriterClient.notificationFor(user, "during outage " + i));
            assertThat(created.status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> failures() >= failuresBefore + 3);
        assertThat(outboxRows(user)).isEqualTo(10);

        // The broker is back (for a relay worker that can reach it): the waiting rows go out in order and are removed.
        DefaultKafkaProducerFactory<String, byte[]> reachableKafka = reachableKafka();
        try {
            OutboxPartition reachable = new OutboxPartition(outbox, new KafkaTemplate<>(reachableKafka), properties);
            TransactionTemplate transaction = new TransactionTemplate(transactions);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                transaction.executeWithoutResult(tx -> reachable.publishBatch(properties.partitionOf(user)));
                return outboxRows(user) == 0;
            });
        } finally {
            reachableKafka.destroy();
        }
        assertThat(TopicReader.recordsFor(user))
                .extracting(r -> Long.parseLong(EventEnvelope.header(r.headers(), CloudEventHeaders.SEQ)))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
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
