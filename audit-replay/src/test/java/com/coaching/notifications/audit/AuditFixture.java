package com.coaching.notifications.audit;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.events.NotificationType;
import com.coaching.notifications.testsupport.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A topic of its own on the real broker, events written as the writer's relay writes them, and a CLI run. */
final class AuditFixture {

    final String topic = "audit-" + UUID.randomUUID();

    AuditFixture() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            // The events are dated in the past: without unlimited retention the broker would delete them.
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1).configs(Map.of("retention.ms", "-1"))))
                    .all().get();
        }
    }

    static NotificationCreated created(String user, long seq, Instant at) {
        return new NotificationCreated(UUID.randomUUID(), user, seq, NotificationType.INFO, "Title " + seq,
                "Message, with a comma", NotificationStatus.UNREAD, null, null, at);
    }

    static EventEnvelope envelope(EventType type, String user, long seq, Instant at, Object data) {
        return new EventEnvelope(UUID.randomUUID(), type, "/notification-writer", at, user, seq, EventJson.toBytes(data));
    }

    static EventEnvelope envelope(NotificationCreated event) {
        return envelope(EventType.NOTIFICATION_CREATED, event.userId(), event.seq(), event.createdAt(), event);
    }

    void publish(List<EventEnvelope> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope e : events) {
                producer.send(e.toRecord(topic));
            }
            producer.flush();
        }
    }

    /** What one run of the command line printed and returned. */
    record Run(int exit, String out, String err) {
        List<String> lines() {
            List<String> lines = new ArrayList<>(out.lines().toList());
            lines.removeIf(String::isBlank);
            return lines;
        }
    }

    /** A run with an empty environment and no console. */
    static Run cli(String... args) {
        return cli(Map.of(), null, args);
    }

    /** A run with these environment variables, and someone at the console answering {@code prompt} if not null. */
    static Run cli(Map<String, String> environment, DatabasePassword.Prompt prompt, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AuditCli.run(args, environment, prompt, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
