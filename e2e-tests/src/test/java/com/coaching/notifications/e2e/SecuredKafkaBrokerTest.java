package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.process.KafkaBroker;
import com.coaching.notifications.process.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The broker in its secured mode, as a process of its own: clients authenticate with SCRAM-SHA-512 as
 * the users created when its storage was formatted, and the authorizer lets a user do only what an ACL
 * grants, except the admin, the one super user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredKafkaBrokerTest {

    private static final Duration BROKER_START = Duration.ofSeconds(90);
    private static final String TOPIC = "secured-broker-test";

    private KafkaBroker broker;
    private ServiceProcess running;

    @BeforeAll
    void startBroker() throws Exception {
        broker = KafkaBroker.secured(Path.of(System.getProperty("kafka.broker.libs", "../" + KafkaBroker.LIBS)),
                Path.of("target/secured-broker-" + UUID.randomUUID()), FreePorts.pick(), FreePorts.pick(),
                Map.of(KafkaBroker.ADMIN, "admin-" + UUID.randomUUID(), "writer", "writer-" + UUID.randomUUID()));
        running = broker.start(broker.home().resolve("broker.log"), BROKER_START);
        try (Admin admin = Admin.create(adminSettings(broker.clientProperties(KafkaBroker.ADMIN)))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stopBroker() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theAdminIsASuperUser() throws Exception {
        try (KafkaProducer<String, String> producer = producer(broker.clientProperties(KafkaBroker.ADMIN))) {
            assertThat(producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(30, TimeUnit.SECONDS).offset())
                    .isNotNegative();
        }
    }

    @Test
    void anAuthenticatedUserWithoutAnAclMayNotWrite() {
        try (KafkaProducer<String, String> producer = producer(broker.clientProperties("writer"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> settings = broker.clientProperties("writer");
        settings.put("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"writer\" password=\"wrong\";");
        try (Admin admin = Admin.create(adminSettings(settings))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientThatDoesNotAuthenticateGetsNothing() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(adminSettings(settings))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    private static Map<String, Object> adminSettings(Map<String, Object> client) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        return settings;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> client) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }
}
