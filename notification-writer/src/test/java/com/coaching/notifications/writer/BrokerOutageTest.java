package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.process.KafkaBroker;
import com.coaching.notifications.process.ServiceProcess;
import com.coaching.notifications.testsupport.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The real broker, as a process of its own, is stopped while notifications are created, and started
 * again on the same address and data: the writer keeps answering 201, and once the broker is back
 * every event arrives, in per-user seq order.
 */
class BrokerOutageTest {

    private static final Duration BROKER_START = Duration.ofSeconds(90);

    @Test
    void notificationsCreatedWhileTheBrokerIsDownAllArriveInSeqOrderOnceItIsBack() {
        KafkaBroker broker = new KafkaBroker(Path.of(System.getProperty("kafka.broker.libs", "../" + KafkaBroker.LIBS)),
                Path.of("target/broker-outage-" + UUID.randomUUID()), FreePorts.pick(), FreePorts.pick());
        Path log = broker.home().resolve("broker.log");
        ServiceProcess running = broker.start(log, BROKER_START);
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        try (WriterInstance writer = WriterInstance.start(TestPostgres.newDatabase(), broker.bootstrapServers(),
                "notifications.outbox.sweep-interval=200ms",
                "spring.kafka.producer.properties.max.block.ms=1000",
                "spring.kafka.producer.properties.request.timeout.ms=1000",
                "spring.kafka.producer.properties.delivery.timeout.ms=3000")) {
            WriterClient client = writer.client();
            for (int i = 1; i <= 3; i++) {
                client.create(alice, "before " + i);
                client.create(bob, "before " + i);
            }
            await("published before the outage").atMost(Duration.ofSeconds(30)).until(() -> writer.published() >= 6);

            running.close();
            double failuresBefore = writer.publishFailures();
            for (int i = 1; i <= 5; i++) {
                assertThat(client.post("/api/notifications", WriterClient.WRITE_TOKEN,
                        WriterClient.notificationFor(alice, "during " + i)).status()).isEqualTo(201);
                assertThat(client.post("/api/notifications", WriterClient.WRITE_TOKEN,
                        WriterClient.notificationFor(bob, "during " + i)).status()).isEqualTo(201);
            }

            await("the relay keeps trying").atMost(Duration.ofSeconds(30)).until(() -> writer.publishFailures() > failuresBefore);
            assertThat(writer.outboxRows()).as("events wait in the outbox").isEqualTo(10);

            running = broker.start(log, BROKER_START);
            await("every event published after the broker is back").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> seqs(broker, alice).size() >= 8 && seqs(broker, bob).size() >= 8);
            List<Long> oneThroughEight = LongStream.rangeClosed(1, 8).boxed().toList();
            // At least once: a repeat after the outage would carry the same seq, right after the first.
            assertThat(withoutRepeats(seqs(broker, alice))).isEqualTo(oneThroughEight);
            assertThat(withoutRepeats(seqs(broker, bob))).isEqualTo(oneThroughEight);
            await("the outbox is emptied").atMost(Duration.ofSeconds(10)).until(() -> writer.outboxRows() == 0);
        } finally {
            running.close();
        }
    }

    private static List<Long> seqs(KafkaBroker broker, String user) {
        List<Long> seqs = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.all(broker.bootstrapServers())) {
            if (user.equals(r.key())) {
                seqs.add(Long.parseLong(EventEnvelope.header(r.headers(), CloudEventHeaders.SEQ)));
            }
        }
        return seqs;
    }

    private static List<Long> withoutRepeats(List<Long> seqs) {
        List<Long> result = new ArrayList<>();
        for (Long seq : seqs) {
            if (result.isEmpty() || !result.get(result.size() - 1).equals(seq)) {
                result.add(seq);
            }
        }
        return result;
    }

}
