package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.writer.outbox.OutboxBacklog;
import com.coaching.notifications.writer.outbox.OutboxProperties;
import com.coaching.notifications.writer.requests.RequestConsumerHealthIndicator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

/**
 * A writer takes traffic only while it can do its work: the database answers, the relay keeps its backlog
 * within bounds, and the request listener runs. A context of its own: these tests stop parts of it.
 */
@TestPropertySource(properties = "notifications.outbox.readiness.max-backlog=1")
class ReadinessTest extends WriterIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Autowired
    DataSource dataSource;

    @Autowired
    OutboxProperties outbox;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void readinessIsUpWithTheDatabaseTheRelayAndTheRequestConsumerAsItsComponents() {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            HttpResponse readiness = client.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
            for (String component : new String[] {"db", "outboxRelay", "requestConsumer"}) {
                assertThat(readiness.json().get("components").get(component).get("status").asString())
                        .as(component).isEqualTo("UP");
            }
        });
    }

    @Test
    void readinessIsDownWhileTheBacklogIsBeyondItsBoundAndUpOnceTheRelayCaughtUp() throws Exception {
        // Another replica's relay holding every partition: this one cannot publish, so the rows stay.
        try (Connection otherRelay = dataSource.getConnection()) {
            lockAllPartitions(otherRelay, "select pg_advisory_lock(?, ?)");
            client.create("ready-" + UUID.randomUUID(), "waits");
            client.create("ready-" + UUID.randomUUID(), "waits too");

            await().atMost(TIMEOUT).untilAsserted(() -> {
                HttpResponse readiness = client.get("/actuator/health/readiness", null);
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness.json().get("components").get("outboxRelay").get("status").asString()).isEqualTo("DOWN");
            });
            lockAllPartitions(otherRelay, "select pg_advisory_unlock(?, ?)");
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.get("/actuator/health/readiness", null).status())
                .isEqualTo(200));
    }

    @Test
    void readinessIsDownWhileTheRequestListenerIsStopped() {
        MessageListenerContainer requests = RequestConsumerHealthIndicator.requestContainer(listeners).orElseThrow();
        requests.stop();
        try {
            HttpResponse readiness = client.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().get("components").get("requestConsumer").get("status").asString()).isEqualTo("DOWN");
        } finally {
            requests.start();
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.get("/actuator/health/readiness", null).status())
                .isEqualTo(200));
    }

    private void lockAllPartitions(Connection connection, String sql) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            for (int partition = 0; partition < outbox.partitions(); partition++) {
                lock.setInt(1, OutboxBacklog.RELAY_LOCK);
                lock.setInt(2, partition);
                lock.execute();
            }
        }
    }
}
