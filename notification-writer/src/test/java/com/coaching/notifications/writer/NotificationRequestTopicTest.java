package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Other services ask for notifications on {@link Topics#REQUESTS}; bad records go to the dead-letter topic. */
class NotificationRequestTopicTest extends WriterIntegrationTest {

    @Test
    void aRequestDeliveredTwiceCreatesOneNotificationAndOneEvent() {
        String user = "user-" + UUID.randomUUID();
        String request = request(UUID.randomUUID().toString(), user, "\"Session booked\"");

        send(user, request);
        send(user, request);
        // Same key, so same partition: once the marker is processed, both copies before it have been.
        String marker = "user-" + UUID.randomUUID();
        send(user, request(UUID.randomUUID().toString(), marker, "\"after the repeat\""));

        await().atMost(Duration.ofSeconds(30)).until(() -> storedNotifications(marker) == 1);
        assertThat(storedNotifications(user)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(user) == 0);
        assertThat(TopicReader.recordsFor(user)).hasSize(1);
    }

    @Test
    void unparseableAndInvalidRecordsGoToTheDeadLetterTopicWithTheReasonAndConsumptionGoesOn() {
        String user = "user-" + UUID.randomUUID();
        String notJson = "this is not json " + UUID.randomUUID();
        String badType = request(UUID.randomUUID().toString(), user, "\"t\"").replace("\"info\"", "\"urgent\"");
        String blankTitle = request(UUID.randomUUID().toString(), user, "\"   \"");
        String noRequestId = request("", user, "\"t\"");
        String firstBody = request("reused-" + UUID.randomUUID(), user, "\"first\"");
        String reusedId = firstBody.replace("\"first\"", "\"second\"");

        for (String value : List.of(notJson, badType, blankTitle, noRequestId, firstBody, reusedId)) {
            send(user, value);
        }
        // Same key, so same partition: once the marker is processed, every record before it has been.
        String marker = "user-" + UUID.randomUUID();
        send(user, request(UUID.randomUUID().toString(), marker, "\"after the poison\""));

        await().atMost(Duration.ofSeconds(30)).until(() -> storedNotifications(marker) == 1);
        assertThat(storedNotifications(user)).isEqualTo(1);
        Map<String, String> reasons = new java.util.HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            deadLetters(user).forEach(r -> reasons.put(new String(r.value(), StandardCharsets.UTF_8),
                    new String(r.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8)));
            return reasons.size() == 5;
        });
        assertThat(reasons.get(notJson)).startsWith("not a notification request");
        assertThat(reasons.get(badType)).contains("type");
        assertThat(reasons.get(blankTitle)).contains("title");
        assertThat(reasons.get(noRequestId)).contains("request_id");
        assertThat(reasons.get(reusedId)).contains("request_id");
    }

    private static String request(String requestId, String user, String titleJson) {
        return """
                {"request_id": "%s", "user_id": "%s", "type": "info", "title": %s, "message": "m",
                 "metadata": {"source": "booking"}}
                """.formatted(requestId, user, titleJson);
    }

    private static void send(String key, String value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, key, value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REQUESTS_DLT));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }
}
