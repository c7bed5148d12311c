package com.coaching.notifications.bench;

import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationRequest;
import com.coaching.notifications.events.NotificationType;
import com.coaching.notifications.events.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How many notifications per second the writer creates from {@link Topics#REQUESTS}, the way other
 * services ask for them in bulk: {@code requests} requests for 1,000 users produced as fast as one
 * producer can, then timed until Kafka has acknowledged every event they created. A warm-up of a
 * quarter as many first, so the measured phase does not pay for the writer's JIT. Also reports the
 * relay's change → acknowledgement latency, the largest outbox backlog seen, and the writer's CPU per
 * notification (see {@link WriterMetrics}).
 */
final class ScenarioRequestTopic implements Scenario {

    private static final int USERS = 1000;

    @Override
    public void run(BenchRun run) {
        BenchOptions o = run.options();
        StackUnderTest stack = run.stack(true);
        WriterMetrics writer = new WriterMetrics(stack.writerUrl());
        try (KafkaProducer<String, byte[]> producer = producer(stack.kafkaBootstrap())) {
            int warmUp = Math.max(1, o.requests() / 4);
            Map<String, Object> warmUpSummary = produce(producer, warmUp, "warm-up");
            WriterMetrics.Reading before = writer.awaitPublished(warmUp, run.remaining());
            run.put("warm_up", warmUpSummary);

            long start = System.nanoTime();
            Map<String, Object> produced = produce(producer, o.requests(), "measured");
            WriterMetrics.Backlog watched = writer.awaitPublishedWatchingBacklog(before.published() + o.requests(),
                    run.remaining());
            WriterMetrics.Reading after = watched.last();
            double seconds = (System.nanoTime() - start) / 1e9;
            long acknowledged = after.published() - before.published();
            Map<String, Object> summary = WriterMetrics.summary(before, after);
            summary.put("produced", produced);
            summary.put("seconds_until_all_acknowledged", Math.round(seconds * 1000) / 1000.0);
            summary.put("acknowledged_per_second", Math.round(acknowledged / seconds * 10) / 10.0);
            summary.put("largest_outbox_backlog", watched.largest());
            run.put("requests", summary);
            run.check(TargetCheck.equal("requests created and acknowledged by Kafka", o.requests(), acknowledged));
            run.check(TargetCheck.atLeast("notifications/s from the request topic to Kafka acknowledgement", 5000, "/s",
                    acknowledged / seconds));
            run.check(TargetCheck.atMost("change to Kafka acknowledgement p99", 100, "ms",
                    after.quantileMillisSince(before, 0.99)));
        }
    }

    /** Sends {@code count} requests and waits until the broker has them all; returns how long that took. */
    private static Map<String, Object> produce(KafkaProducer<String, byte[]> producer, int count, String title) {
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String user = "requested-" + i % USERS;
            NotificationRequest request = new NotificationRequest(UUID.randomUUID().toString(), user,
                    NotificationType.INFO, title + " #" + i, "Benchmark notification", Map.of(), null);
            producer.send(new ProducerRecord<>(Topics.REQUESTS, user, EventJson.toBytes(request)), (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                }
            });
        }
        producer.flush();
        return Map.of("requests", count, "failed", failed.get(),
                "seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Large batches: the producer is not what is measured, and should take a fraction of the run.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
