package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.writer.outbox.OutboxBacklog;
import com.coaching.notifications.writer.outbox.OutboxRelay;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * On shutdown the relay stops last of the writer's own work: after the web server has finished its
 * requests and the request listener its records, it publishes every committed row, and only then do
 * the producer and the connections close. What it cannot publish in time, another replica's sweep does.
 *
 * <p>Rows stay unpublished while the test holds every relay partition's advisory lock, as a replica
 * that owns the partitions would: the writer's wake-ups miss the locks, and with a sweep interval of
 * ten minutes nothing but the drain on stop takes them up again.
 */
class RelayShutdownTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS = 30;

    @Test
    void theRelayStopsAfterTheWebServerAndTheRequestListenerAndBeforeTheProducer() {
        try (WriterInstance writer = WriterInstance.start(TestPostgres.newDatabase(), TestKafka.bootstrapServers())) {
            int relay = writer.context.getBean(OutboxRelay.class).getPhase();
            int webServer = writer.context.getBean(WebServerGracefulShutdownLifecycle.class).getPhase();
            int requestListener = writer.context.getBean(KafkaListenerEndpointRegistry.class).getPhase();
            int producer = writer.context.getBean("outboxProducerFactory", DefaultKafkaProducerFactory.class).getPhase();
            // Phases stop from the highest down.
            assertThat(requestListener).as("the request listener stops with the web server, not before it")
                    .isEqualTo(webServer);
            assertThat(relay).as("the relay stops after both").isLessThan(webServer);
            assertThat(producer).as("the producer stops after the relay").isLessThan(relay);
        }
    }

    @Test
    void onStopTheRelayPublishesEveryCommittedRow() throws SQLException {
        TestPostgres database = TestPostgres.newDatabase();
        List<String> users = users();
        List<String> created = new ArrayList<>();
        WriterInstance writer = WriterInstance.start(database, TestKafka.bootstrapServers(),
                "notifications.outbox.sweep-interval=10m");
        try {
            try (RelayLocks locks = RelayLocks.holdAll(database, writer.outboxProperties().partitions())) {
                createAll(writer, users, created);
                assertThat(outboxRows(database, users)).as("held back by the locks").isEqualTo(ROWS);
            }
        } finally {
            writer.close();
        }

        assertThat(outboxRows(database, users)).as("rows left in the outbox after the writer stopped").isZero();
        assertThat(createdOnTopic(users)).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void rowsTheDrainCannotPublishInTimeAreSweptByAnotherReplica() throws SQLException {
        TestPostgres database = TestPostgres.newDatabase();
        List<String> users = users();
        List<String> created = new ArrayList<>();
        Duration drainTimeout = Duration.ofMillis(500);
        try (WriterInstance other = WriterInstance.start(database, TestKafka.bootstrapServers())) {
            WriterInstance stopping = WriterInstance.start(database, TestKafka.bootstrapServers(),
                    "notifications.outbox.sweep-interval=10m",
                    "notifications.outbox.drain-timeout=" + drainTimeout.toMillis() + "ms");
            try (RelayLocks locks = RelayLocks.holdAll(database, stopping.outboxProperties().partitions())) {
                createAll(stopping, users, created);
                long start = System.nanoTime();
                stopping.close();
                Duration closing = Duration.ofNanos(System.nanoTime() - start);
                assertThat(closing).as("the drain gives up after its timeout").isLessThan(drainTimeout.plusSeconds(5));
                assertThat(outboxRows(database, users)).as("left by the drain").isEqualTo(ROWS);
            } finally {
                stopping.close();
            }

            Duration sweepAndMargin = other.outboxProperties().sweepInterval().plusSeconds(9);
            await("the other replica's sweep").atMost(sweepAndMargin).until(() -> outboxRows(database, users) == 0);
        }
        assertThat(createdOnTopic(users)).containsExactlyInAnyOrderElementsOf(created);
    }

    private static List<String> users() {
        return List.of("user-" + UUID.randomUUID(), "user-" + UUID.randomUUID(), "user-" + UUID.randomUUID());
    }

    private static void createAll(WriterInstance writer, List<String> users, List<String> created) {
        WriterClient client = writer.client();
        for (int i = 0; i < ROWS; i++) {
            created.add(client.create(users.get(i % users.size()), "n" + i));
        }
    }

    /** Ids of the notification.created events of these users on the event topic. */
    private static List<String> createdOnTopic(List<String> users) {
        return TopicReader.all().stream()
                .filter(r -> users.contains(r.key()))
                .filter(r -> EventType.NOTIFICATION_CREATED.ceType()
                        .equals(EventEnvelope.header(r.headers(), CloudEventHeaders.TYPE)))
                .map(r -> JSON.readTree(r.value()).get("id").asString())
                .toList();
    }

    /**
     * Outbox rows of these users only: a writer reads the shared request topic from its start, so the
     * requests other tests sent become rows of this database too.
     */
    private static long outboxRows(TestPostgres database, List<String> users) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             PreparedStatement count = connection.prepareStatement("select count(*) from outbox where user_id = any(?)")) {
            count.setArray(1, connection.createArrayOf("varchar", users.toArray()));
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Every relay partition's advisory lock, held in a transaction of the test's own until closed. */
    private record RelayLocks(Connection connection) implements AutoCloseable {

        static RelayLocks holdAll(TestPostgres database, int partitions) throws SQLException {
            Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                for (int partition = 0; partition < partitions; partition++) {
                    lock.setInt(1, OutboxBacklog.RELAY_LOCK);
                    lock.setInt(2, partition);
                    lock.execute();
                }
            }
            return new RelayLocks(connection);
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
