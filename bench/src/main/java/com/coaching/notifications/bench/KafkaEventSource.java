package com.coaching.notifications.bench;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.events.NotificationType;
import com.coaching.notifications.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces {@code notification.created} events straight to the topic, exactly as the writer's relay
 * does (same envelope, headers and JSON mapping from {@code shared-events}), bypassing the writer and
 * its database to measure the gateway alone. {@code created_at} is the moment of sending, so delivery
 * latency covers Kafka and the gateway and nothing before.
 */
final class KafkaEventSource implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    KafkaEventSource(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // As the writer's relay: idempotent, acks=all, so per-user order holds as in production.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        producer.partitionsFor(Topics.EVENTS);
    }

    /**
     * Sends {@code perUser} events to each of {@code users} (seqs 1..perUser, round-robin over users so
     * every user's next seq follows its previous one) at {@code perSecond} in total; waits for every
     * acknowledgement.
     */
    Map<String, Object> send(List<String> users, int perUser, double perSecond) {
        int total = users.size() * perUser;
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        Pacer.ticks(total, perSecond).doOnNext(i -> {
            String user = users.get(i % users.size());
            long seq = i / users.size() + 1;
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            NotificationCreated data = new NotificationCreated(UUID.randomUUID(), user, seq, NotificationType.INFO,
                    "Benchmark", "Benchmark notification", NotificationStatus.UNREAD, Map.of(), null, now);
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), NotificationCreated.EVENT_TYPE,
                    "/bench", now, user, seq, EventJson.toBytes(data));
            producer.send(envelope.toRecord(Topics.EVENTS), (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                }
            });
        }).blockLast(Duration.ofHours(1));
        producer.flush();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("produced", total);
        s.put("failed", failed.get());
        s.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
        return s;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
