package com.coaching.notifications.writer;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces to {@link Topics#REQUESTS} of the shared broker as another service would: any bytes, or none. */
final class RequestTopic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    RequestTopic() {
        this(Map.of());
    }

    private RequestTopic(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Holds records back until {@link #flush} (or {@code linger}), so that what is sent together reaches
     * the broker together, as a busy service's requests do, and the writer reads it in one poll.
     */
    static RequestTopic lingering(Duration linger) {
        return new RequestTopic(Map.of(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis(),
                ProducerConfig.BATCH_SIZE_CONFIG, 4 * 1024 * 1024));
    }

    /** Sent in order: records with the same key land in the same partition, one behind the other. */
    void send(String key, byte[] value) {
        producer.send(new ProducerRecord<>(Topics.REQUESTS, key, value));
    }

    /** With these headers, as UTF-8 (a producer's {@code traceparent}, say). */
    void send(String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REQUESTS, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
