package com.coaching.notifications.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.testsupport.TestKafka;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Replay throughput to a file, against the real broker, with a baseline in the same run: a bare
 * KafkaConsumer reading the same records and doing nothing with them. Not part of the normal build;
 * run it with (figures in BENCHMARKS.md):
 * {@code ./mvnw -pl audit-replay -am verify -Dtest=ReplayThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.events=1000000}
 */
class ReplayThroughputBenchmark {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    @Test
    void replayThroughputAgainstABareConsumer() throws Exception {
        int events = Integer.getInteger("bench.events", 1_000_000);
        AuditFixture fixture = new AuditFixture();
        produce(fixture.topic, events);
        Path file = Files.createTempFile("replay", ".jsonl");

        List<String> report = new ArrayList<>();
        for (int run = 1; run <= 2; run++) {
            long baselineNanos = time(() -> bareConsumer(fixture.topic, events));
            long replayNanos = time(() -> {
                try (var out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
                    CommandLine command = CommandLine.parse("replay", "--bootstrap-servers", TestKafka.bootstrapServers(),
                            "--topic", fixture.topic, "--from", "2025-05-01", "--to", "2025-05-02");
                    assertThat(Replay.run(command, out, new Progress(System.err, false, "replay"))).isEqualTo(events);
                }
            });
            report.add(String.format("run %d: %,d events; bare consumer %,.0f events/s; replay to file %,.0f events/s (%,d MB written)",
                    run, events, events / (baselineNanos / 1e9), events / (replayNanos / 1e9), Files.size(file) >> 20));
        }
        report.forEach(System.out::println);
        Files.writeString(Path.of("target/replay-throughput.txt"), String.join("\n", report) + "\n");
    }

    private static void produce(String topic, int events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                // 1,000 users; one event per millisecond of the day, so every event is in range.
                EventEnvelope e = AuditFixture.envelope(AuditFixture.created("user-" + (i % 1000), i / 1000 + 1,
                        T0.plusMillis(i)));
                producer.send(e.toRecord(topic));
            }
            producer.flush();
        }
    }

    private static void bareConsumer(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            while (read < expected) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(read).isEqualTo(expected);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long time(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }
}
