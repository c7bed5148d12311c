package com.coaching.notifications.writer.outbox;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * The producer of the relay: every {@code spring.kafka.*} setting applies, except those that the
 * outbox's guarantees depend on, which are fixed here: String keys (user ids), the stored payload
 * bytes as values, acknowledgement by all in-sync replicas, and idempotence (a retried send is
 * not written twice and does not overtake the records behind it).
 */
@Configuration(proxyBeanMethods = false)
public class OutboxProducerConfiguration {

    @Bean
    ProducerFactory<String, byte[]> outboxProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // The relay sends a whole batch and then waits for it: lingering (5 ms by default since Kafka 4)
        // only adds to every event's latency. Records still batch behind requests in flight.
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new DefaultKafkaProducerFactory<>(config);
    }

    /** Sends with a span each, a child of the change's trace (OutboxTraceContext), its traceparent on the record. */
    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(ProducerFactory<String, byte[]> outboxProducerFactory) {
        return template(outboxProducerFactory, true);
    }

    /**
     * Sends without a span, for changes of no recorded trace: a span per record, made only to be dropped by
     * sampling, cost the relay four times what the send itself does. Same producer, so the order holds.
     */
    @Bean
    KafkaTemplate<String, byte[]> untracedOutboxKafkaTemplate(ProducerFactory<String, byte[]> outboxProducerFactory) {
        return template(outboxProducerFactory, false);
    }

    private static KafkaTemplate<String, byte[]> template(ProducerFactory<String, byte[]> factory, boolean observed) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory) {
            /**
             * No cluster id tag on the send spans: the template would ask the admin client for it on the relay's
             * thread, holding a partition's lock for up to the admin's timeout (30 s) while the broker is down.
             */
            @Override
            protected String clusterId() {
                return null;
            }
        };
        // The relay reports a failed attempt in one line; the default listener logs every failed record with a stack trace.
        template.setProducerListener(new ProducerListener<>() { });
        template.setObservationEnabled(observed);
        return template;
    }
}
