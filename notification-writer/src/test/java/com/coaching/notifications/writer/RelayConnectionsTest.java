package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The relay publishes on connections of its own: with every connection of the application's pool
 * taken (as by a burst of API requests), a row that reaches the outbox still arrives on the topic
 * within a sweep, and leaves the outbox.
 */
class RelayConnectionsTest {

    @Test
    void theRelayPublishesWhileRequestsHoldEveryConnectionOfTheApplicationsPool() throws SQLException {
        TestPostgres database = TestPostgres.newDatabase();
        String user = "user-" + UUID.randomUUID();
        try (WriterInstance writer = WriterInstance.start(database, TestKafka.bootstrapServers())) {
            HikariDataSource requests = writer.context.getBean(DataSource.class).unwrap(HikariDataSource.class);
            List<Connection> borrowed = new ArrayList<>();
            try {
                for (int i = 0; i < requests.getMaximumPoolSize(); i++) {
                    borrowed.add(requests.getConnection());
                }
                assertThat(requests.getHikariPoolMXBean().getActiveConnections())
                        .as("every connection of the application's pool is in use")
                        .isEqualTo(requests.getMaximumPoolSize());

                UUID eventId = appendWithoutTheApplicationsPool(database, user,
                        writer.outboxProperties().partitionOf(user));

                Duration sweepAndMargin = writer.outboxProperties().sweepInterval().plusSeconds(9);
                await("the event on the topic").atMost(sweepAndMargin)
                        .until(() -> TopicReader.recordsFor(user).size() == 1);
                ConsumerRecord<String, byte[]> record = TopicReader.recordsFor(user).get(0);
                assertThat(EventEnvelope.header(record.headers(), CloudEventHeaders.ID)).isEqualTo(eventId.toString());
                await("the row gone from the outbox").atMost(Duration.ofSeconds(5))
                        .until(() -> outboxRows(database) == 0);
                assertThat(requests.getHikariPoolMXBean().getActiveConnections())
                        .as("the application's connections were still all held meanwhile")
                        .isEqualTo(requests.getMaximumPoolSize());
            } finally {
                for (Connection connection : borrowed) {
                    connection.close();
                }
            }
        }
    }

    /** Inserts an outbox row as a change's transaction would, over a connection of the test's own. */
    private static UUID appendWithoutTheApplicationsPool(TestPostgres database, String user, int partition)
            throws SQLException {
        UUID eventId = UUID.randomUUID();
        Instant now = Instant.now();
        String data = "{\"id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + user + "\",\"seq\":1,\"deleted_at\":\""
                + now + "\"}";
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             PreparedStatement insert = connection.prepareStatement("""
                     insert into outbox
                         (event_id, event_type, source, user_id, seq, occurred_at, payload, relay_partition)
                     values (?, ?, ?, ?, ?, ?, ?, ?)
                     """)) {
            insert.setObject(1, eventId);
            insert.setString(2, EventType.NOTIFICATION_DELETED.ceType());
            insert.setString(3, "/notification-writer");
            insert.setString(4, user);
            insert.setLong(5, 1);
            insert.setTimestamp(6, Timestamp.from(now));
            insert.setBytes(7, data.getBytes(StandardCharsets.UTF_8));
            insert.setInt(8, partition);
            insert.executeUpdate();
        }
        return eventId;
    }

    private static long outboxRows(TestPostgres database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             PreparedStatement count = connection.prepareStatement("select count(*) from outbox");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
