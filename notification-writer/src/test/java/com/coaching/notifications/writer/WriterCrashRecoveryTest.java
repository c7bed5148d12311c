package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.writer.outbox.OutboxBacklog;
import com.coaching.notifications.writer.outbox.OutboxTraceContext;
import com.coaching.notifications.writer.outbox.PartitionPublisher;
import com.coaching.notifications.writer.outbox.RelayConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A writer goes away after committing changes and before their events are published (its broker is
 * unreachable, then its context is closed); for part of them it even dies after Kafka acknowledged
 * them and before its deletes committed (their transaction rolls back, as a crash would). A writer
 * started afterwards on the same database publishes every row: each event arrives, a repeat carries
 * the same seq and event id, and each user's order holds.
 */
class WriterCrashRecoveryTest {

    @Test
    void aRestartedWriterPublishesEveryRowTheDeadOneLeftRepeatsKeepTheirSeq() {
        TestPostgres database = TestPostgres.newDatabase();
        List<String> users = List.of("user-" + UUID.randomUUID(), "user-" + UUID.randomUUID());
        java.util.Set<String> acknowledgedButNotDeleted;
        try (WriterInstance dying = WriterInstance.start(database, "127.0.0.1:" + closedPort(),
                "spring.kafka.admin.auto-create=false",
                "spring.kafka.producer.properties.max.block.ms=200",
                "spring.kafka.producer.properties.request.timeout.ms=200",
                "spring.kafka.producer.properties.delivery.timeout.ms=400")) {
            WriterClient client = dying.client();
            for (int i = 1; i <= 5; i++) {
                for (String user : users) {
                    client.create(user, "n" + i);
                }
            }
            acknowledgedButNotDeleted = publishThenCrashBeforeTheDeletesCommit(dying, users.get(0));
            assertThat(outboxRows(dying)).isEqualTo(10);
        }

        try (WriterInstance restarted = WriterInstance.start(database, TestKafka.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(restarted) == 0);
        }

        for (String user : users) {
            List<ConsumerRecord<String, byte[]>> records = TopicReader.recordsFor(user);
            List<Long> seqs = records.stream().map(r -> Long.parseLong(header(r, CloudEventHeaders.SEQ))).toList();
            List<Long> once = LongStream.rangeClosed(1, 5).boxed().toList();
            if (acknowledgedButNotDeleted.contains(user)) {
                assertThat(seqs).as("published, crashed before the delete, published again")
                        .containsExactlyElementsOf(concat(once, once));
                for (int i = 0; i < 5; i++) {
                    assertThat(header(records.get(i + 5), CloudEventHeaders.ID)).isEqualTo(header(records.get(i), CloudEventHeaders.ID));
                }
            } else {
                assertThat(seqs).containsExactlyElementsOf(once);
            }
        }
    }

    /**
     * Kafka acknowledges the rows of the user's relay partition, then the transaction that would delete
     * them rolls back.
     *
     * @return the users whose rows were acknowledged (the user, and any other user of the same partition)
     */
    private static java.util.Set<String> publishThenCrashBeforeTheDeletesCommit(WriterInstance writer, String user) {
        DefaultKafkaProducerFactory<String, byte[]> reachable = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
        try {
            RelayConnections relay = writer.context.getBean(RelayConnections.class);
            PartitionPublisher publisher = new PartitionPublisher(writer.context.getBean(OutboxBacklog.class), relay,
                    new KafkaTemplate<>(reachable), new KafkaTemplate<>(reachable), writer.outboxProperties(),
                    writer.context.getBean(OutboxTraceContext.class));
            int number = writer.outboxProperties().partitionOf(user);
            // The relay's transactions: the batch joins this one, so the rollback undoes its deletes.
            TransactionTemplate transaction = relay.transactions();
            java.util.Set<String> acknowledged = new java.util.HashSet<>();
            // The dying writer's own relay may hold the partition for a moment (failing): try until this one
            // gets it, which publishes the partition's rows.
            await().atMost(Duration.ofSeconds(10)).until(() -> transaction.execute(tx -> {
                PartitionPublisher.Batch batch = publisher.publishBatch(number);
                tx.setRollbackOnly();
                assertThat(batch.failure()).isNull();
                batch.acknowledged().forEach(e -> acknowledged.add(e.event().userId()));
                return !batch.acknowledged().isEmpty();
            }));
            assertThat(acknowledged).contains(user);
            return acknowledged;
        } finally {
            reachable.destroy();
        }
    }

    private static long outboxRows(WriterInstance writer) {
        return writer.context.getBean(JdbcClient.class).sql("select count(*) from outbox").query(Long.class).single();
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EventEnvelope.header(record.headers(), name);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
