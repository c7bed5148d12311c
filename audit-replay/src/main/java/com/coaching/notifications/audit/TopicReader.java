package com.coaching.notifications.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a time range of a topic without joining a consumer group or committing offsets: each
 * partition is sought by timestamp and read up to the end of the range, and the records of all
 * partitions are handed on in time order (timestamp, then partition, then offset).
 */
final class TopicReader implements AutoCloseable {

    /** Records held per partition before that partition is paused, so memory stays bounded. */
    private static final int BUFFER_PER_PARTITION = 20_000;

    private static final Comparator<ConsumerRecord<byte[], byte[]>> TIME_ORDER =
            Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                    .thenComparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final String servers;

    TopicReader(Map<String, String> settings, Duration timeout) {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Records removed by retention while they are read must stop the audit, not be skipped silently.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.servers = settings.get("bootstrap.servers");
        this.timeout = timeout;
        try {
            this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw AuditFailure.usage("cannot use the Kafka client settings: " + rootMessage(e));
        }
    }

    /**
     * Hands every record with a timestamp in {@code [from, to)} to {@code sink}, in time order; records
     * are looked for up to {@code to + grace}, for events that reached the topic late. Returns how
     * many records were read (in range or not); {@code progress} hears of each one.
     */
    long read(String topic, Instant from, Instant to, Duration grace, Consumer<AuditedEvent> sink,
            LongConsumer expected, LongConsumer progress) {
        List<TopicPartition> partitions = partitions(topic);
        Map<TopicPartition, Long> start = offsets(partitions, from);
        Map<TopicPartition, Long> end = offsets(partitions, to.plus(grace));
        Set<TopicPartition> open = new HashSet<>();
        long total = 0;
        for (TopicPartition p : partitions) {
            if (start.get(p) < end.get(p)) {
                open.add(p);
                total += end.get(p) - start.get(p);
            }
        }
        expected.accept(total);
        consumer.assign(open);
        open.forEach(p -> consumer.seek(p, start.get(p)));

        Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffers = new HashMap<>();
        open.forEach(p -> buffers.put(p, new ArrayDeque<>()));
        long read = 0;
        long lastProgress = System.nanoTime();
        while (true) {
            emitWhileOrderIsKnown(buffers, open, from, to, sink);
            if (open.isEmpty()) {
                emitWhileOrderIsKnown(buffers, open, from, to, sink);
                return read;
            }
            for (TopicPartition p : open) {
                if (buffers.get(p).size() >= BUFFER_PER_PARTITION) {
                    consumer.pause(List.of(p));
                } else {
                    consumer.resume(List.of(p));
                }
            }
            ConsumerRecords<byte[], byte[]> records = poll();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                TopicPartition p = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(p)) {
                    buffers.get(p).add(record);
                    read++;
                    progress.accept(read);
                }
            }
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                throw AuditFailure.unavailable("no records from Kafka at " + servers + " for " + timeout.toSeconds()
                        + " s while " + open.size() + " partition(s) of " + topic + " were unfinished", null);
            }
            open.removeIf(p -> consumer.position(p) >= end.get(p));
        }
    }

    /**
     * Emits the earliest buffered record as long as every unfinished partition has one buffered: only
     * then is it known that no partition still holds an earlier one.
     */
    private static void emitWhileOrderIsKnown(Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffers,
            Set<TopicPartition> open, Instant from, Instant to, Consumer<AuditedEvent> sink) {
        long fromMillis = from.toEpochMilli();
        long toMillis = to.toEpochMilli();
        while (true) {
            ConsumerRecord<byte[], byte[]> earliest = null;
            ArrayDeque<ConsumerRecord<byte[], byte[]>> holder = null;
            for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> e : buffers.entrySet()) {
                ConsumerRecord<byte[], byte[]> head = e.getValue().peekFirst();
                if (head == null) {
                    if (open.contains(e.getKey())) {
                        return;
                    }
                } else if (earliest == null || TIME_ORDER.compare(head, earliest) < 0) {
                    earliest = head;
                    holder = e.getValue();
                }
            }
            if (earliest == null) {
                return;
            }
            holder.pollFirst();
            if (earliest.timestamp() >= fromMillis && earliest.timestamp() < toMillis) {
                sink.accept(AuditedEvent.of(earliest));
            }
        }
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw AuditFailure.unavailable("cannot reach Kafka at " + servers + " within " + timeout.toSeconds() + " s", e);
        } catch (KafkaException e) {
            throw AuditFailure.unavailable("Kafka at " + servers + " refused: " + rootMessage(e), e);
        }
        if (infos == null || infos.isEmpty()) {
            throw AuditFailure.unavailable("topic '" + topic + "' does not exist on " + servers, null);
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    /** The first offset at or after {@code time} in each partition (the end offset where there is none). */
    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, Instant time) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, time.toEpochMilli()));
        try {
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> result = new HashMap<>();
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = found.get(p);
                result.put(p, at == null ? ends.get(p) : at.offset());
            }
            return result;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw AuditFailure.unavailable("cannot reach Kafka at " + servers + " within " + timeout.toSeconds() + " s", e);
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        try {
            return consumer.poll(Duration.ofMillis(200));
        } catch (OffsetOutOfRangeException e) {
            throw AuditFailure.unavailable("records of " + e.partitions() + " were removed by retention while being read;"
                    + " the range is no longer complete on the topic", e);
        } catch (KafkaException e) {
            throw AuditFailure.unavailable("reading from Kafka at " + servers + " failed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
