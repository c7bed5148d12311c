package com.coaching.notifications.writer;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.testsupport.ContractSchemas;
import com.coaching.notifications.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic ({@link Topics#EVENTS} unless named) from the beginning up to its current end with a
 * real consumer, so a test sees exactly what has been published so far, in log order.
 */
final class TopicReader {

    private TopicReader() {
    }

    /** Every record published so far whose key is the user id, in partition order. */
    static List<ConsumerRecord<String, byte[]>> recordsFor(String userId) {
        return all().stream().filter(r -> userId.equals(r.key())).toList();
    }

    static List<ConsumerRecord<String, byte[]>> all() {
        return all(TestKafka.bootstrapServers());
    }

    /**
     * Every record on the events topic of the broker at these bootstrap servers; only the writer publishes
     * there, so each one's value must be valid by the JSON Schema of its {@code ce_type}.
     */
    static List<ConsumerRecord<String, byte[]>> all(String bootstrapServers) {
        List<ConsumerRecord<String, byte[]>> records = read(bootstrapServers, Topics.EVENTS);
        records.forEach(ContractSchemas::assertValidEvent);
        return records;
    }

    /** Every request set aside so far on {@link Topics#REQUESTS_DLT}. */
    static List<ConsumerRecord<String, byte[]>> deadLetters() {
        return read(TestKafka.bootstrapServers(), Topics.REQUESTS_DLT);
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
