package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.process.KafkaBroker;
import com.coaching.notifications.process.ServiceProcess;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deploy/kafka/acls.txt}, applied as it is to a secured broker (SCRAM users, nothing allowed
 * that no ACL grants), with the writer and a gateway logging in from the settings compose gives them:
 * a request from its producer's principal reaches the user's stream through the writer and the
 * gateway, and every principal is refused what the file does not grant it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAclsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final Duration BROKER_START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REQUEST_PRODUCER = "coaching-service";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KafkaBroker broker;
    private ServiceProcess brokerProcess;
    private RunningSystem system;

    @BeforeAll
    void startSecuredSystem() throws Exception {
        AclFile acls = AclFile.read(ROOT.resolve("deploy/kafka/acls.txt"));
        assertThat(acls.principals()).containsExactlyInAnyOrder("writer", "gateway", "audit", REQUEST_PRODUCER);
        Map<String, String> users = new HashMap<>();
        users.put(KafkaBroker.ADMIN, "admin-" + UUID.randomUUID());
        acls.principals().forEach(p -> users.put(p, p + "-" + UUID.randomUUID()));
        broker = KafkaBroker.secured(Path.of(System.getProperty("kafka.broker.libs", "../" + KafkaBroker.LIBS)),
                Path.of("target/acl-broker-" + UUID.randomUUID()), FreePorts.pick(), FreePorts.pick(), users);
        brokerProcess = broker.start(broker.home().resolve("broker.log"), BROKER_START);
        try (Admin admin = Admin.create(broker.clientProperties(KafkaBroker.ADMIN))) {
            admin.createAcls(acls.grants()).all().get(30, TimeUnit.SECONDS);
        }
        system = RunningSystem.startOnSecuredBroker(1, broker.bootstrapServers(), login("writer"), login("gateway"));
    }

    @AfterAll
    void stopSecuredSystem() {
        if (system != null) {
            system.close();
        }
        if (brokerProcess != null) {
            brokerProcess.close();
        }
    }

    /**
     * The producer's principal writes a request; the writer (its principal) reads it with its group and
     * publishes the event; the gateway (its principal, a group under its prefix) reads it and pushes it.
     */
    @Test
    void aRequestOfItsProducerReachesTheUsersStreamThroughTheWriterAndTheGateway() throws Exception {
        String user = "acl-user-" + UUID.randomUUID();
        try (SseClient stream = SseClient.connect(system.streamUrl(0), TestTokens.user(user));
                KafkaProducer<String, String> producer = producer(REQUEST_PRODUCER)) {
            stream.awaitEvent("connected", WAIT);
            producer.send(new ProducerRecord<>(Topics.REQUESTS, user, request(user, "Session booked")))
                    .get(30, TimeUnit.SECONDS);

            SseClient.Frame frame = stream.await(f -> "notification".equals(f.event()), WAIT);
            assertThat(frame.data()).contains("Session booked").contains(user);
        }
    }

    @Test
    void theWriterMayPublishEvents() throws Exception {
        try (KafkaProducer<String, String> producer = producer("writer")) {
            assertThat(producer.send(new ProducerRecord<>(Topics.EVENTS, "acl-nobody", "{}")).get(30, TimeUnit.SECONDS)
                    .offset()).isNotNegative();
        }
    }

    @Test
    void aGatewayMayNotPublishEvents() {
        assertRefusedToWrite("gateway", Topics.EVENTS);
    }

    @Test
    void theRequestProducerMayNotPublishEventsNorWriteTheDeadLetterTopic() {
        assertRefusedToWrite(REQUEST_PRODUCER, Topics.EVENTS);
        assertRefusedToWrite(REQUEST_PRODUCER, Topics.REQUESTS_DLT);
    }

    @Test
    void theRequestProducerMayNotReadRequests() {
        try (KafkaConsumer<String, String> consumer = consumer(REQUEST_PRODUCER, null)) {
            consumer.assign(List.of(new TopicPartition(Topics.REQUESTS, 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer(REQUEST_PRODUCER, "notification-writer")) {
            consumer.subscribe(List.of(Topics.REQUESTS));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aGatewayMayNotReadRequests() {
        try (KafkaConsumer<String, String> consumer = consumer("gateway", null)) {
            consumer.assign(List.of(new TopicPartition(Topics.REQUESTS, 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Audits read the events without a group, and write nothing. */
    @Test
    void theAuditReadsEventsAndWritesNone() {
        String user = "acl-audited-" + UUID.randomUUID();
        String id = system.create(user, "Audited");
        try (KafkaConsumer<String, String> consumer = consumer("audit", null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            await("the audit reads the event").atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                return read.stream().anyMatch(r -> user.equals(r.key()) && r.value().contains(id));
            });
        }
        assertRefusedToWrite("audit", Topics.EVENTS);
    }

    private void assertRefusedToWrite(String principal, String topic) {
        try (KafkaProducer<String, String> producer = producer(principal)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "acl-nobody", "{}")).get(30, TimeUnit.SECONDS))
                    .as(principal + " writing " + topic)
                    // A principal without a Write on any topic is refused earlier, as an idempotent producer
                    // (ClusterAuthorizationException): from the send's future, or, when that refusal came back
                    // before the send, from send() itself. One with a Write elsewhere is refused on the topic.
                    .satisfiesAnyOf(
                            refused -> assertThat(refused).isInstanceOf(ExecutionException.class)
                                    .hasCauseInstanceOf(AuthorizationException.class),
                            refused -> assertThat(refused).isInstanceOf(KafkaException.class)
                                    .hasRootCauseInstanceOf(AuthorizationException.class));
        }
    }

    /** What compose gives a service: the protocol and its principal's name and password. */
    private Map<String, String> login(String principal) {
        Map<String, Object> client = broker.clientProperties(principal);
        return Map.of(
                "KAFKA_SECURITY_PROTOCOL", String.valueOf(client.get("security.protocol")),
                "KAFKA_USERNAME", principal,
                "KAFKA_PASSWORD", broker.scramUsers().get(principal));
    }

    private KafkaProducer<String, String> producer(String principal) {
        Map<String, Object> settings = new HashMap<>(broker.clientProperties(principal));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String principal, String group) {
        Map<String, Object> settings = new HashMap<>(broker.clientProperties(principal));
        if (group != null) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

    private static String request(String user, String title) {
        return JSON.writeValueAsString(Map.of("request_id", UUID.randomUUID().toString(), "user_id", user,
                "type", "info", "title", title, "message", "With your coach tomorrow"));
    }
}
