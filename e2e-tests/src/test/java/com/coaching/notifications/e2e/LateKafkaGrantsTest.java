package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.process.KafkaBroker;
import com.coaching.notifications.process.ServiceProcess;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service whose Kafka grants arrive after it started (the ACLs applied late, or given back after a
 * mistake) starts working once they are there: the writer's request listener and the gateway's event
 * consumer retry an authorization refusal instead of stopping for good.
 */
class LateKafkaGrantsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theWritersRequestListenerAndTheGatewayWorkOnceTheirReadGrantsArrive() throws Exception {
        AclFile acls = AclFile.read(ROOT.resolve("deploy/kafka/acls.txt"));
        Map<String, String> users = new HashMap<>();
        users.put(KafkaBroker.ADMIN, "admin-" + UUID.randomUUID());
        acls.principals().forEach(p -> users.put(p, p + "-" + UUID.randomUUID()));
        KafkaBroker broker = KafkaBroker.secured(Path.of(System.getProperty("kafka.broker.libs", "../" + KafkaBroker.LIBS)),
                Path.of("target/late-grants-broker-" + UUID.randomUUID()), FreePorts.pick(), FreePorts.pick(), users);
        // Every grant but the reads of the writer and of the gateway: those come once both are running.
        List<AclBinding> late = acls.grants().stream().filter(g -> g.entry().operation() == AclOperation.READ
                && (g.entry().principal().equals("User:writer") || g.entry().principal().equals("User:gateway"))).toList();
        List<AclBinding> early = acls.grants().stream().filter(g -> !late.contains(g)).toList();
        assertThat(late).as("the writer's and the gateway's reads").hasSize(4);

        try (ServiceProcess running = broker.start(broker.home().resolve("broker.log"), Duration.ofSeconds(90));
                Admin admin = Admin.create(broker.clientProperties(KafkaBroker.ADMIN))) {
            admin.createAcls(early).all().get(30, TimeUnit.SECONDS);
            try (RunningSystem system = RunningSystem.startOnSecuredBrokerUnready(1, broker.bootstrapServers(),
                    login(broker, "writer"), login(broker, "gateway"))) {
                // Only once both were refused (the Kafka client logs each refusal) do the grants arrive.
                awaitRefusal(system.writer, Topics.REQUESTS);
                awaitRefusal(system.gateways.get(0), Topics.EVENTS);
                admin.createAcls(late).all().get(30, TimeUnit.SECONDS);
                system.awaitGatewaysReady();

                String user = "late-grants-" + UUID.randomUUID();
                try (SseClient stream = SseClient.connect(system.streamUrl(0), TestTokens.user(user));
                        KafkaProducer<String, String> producer = new KafkaProducer<>(
                                broker.clientProperties("coaching-service"), new StringSerializer(), new StringSerializer())) {
                    stream.awaitEvent("connected", WAIT);
                    producer.send(new ProducerRecord<>(Topics.REQUESTS, user, JSON.writeValueAsString(Map.of(
                            "request_id", UUID.randomUUID().toString(), "user_id", user, "type", "info",
                            "title", "Granted at last", "message", "")))).get(30, TimeUnit.SECONDS);

                    assertThat(stream.await(f -> "notification".equals(f.event()), WAIT).data()).contains("Granted at last");
                }
            }
        }
    }

    private static void awaitRefusal(RunningSystem.Service service, String topic) {
        await(service.process().name() + " refused " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.isRegularFile(service.process().log()) && Files.readString(service.process().log())
                        .contains("Topic authorization failed for topics [" + topic + "]"));
    }

    private static Map<String, String> login(KafkaBroker broker, String principal) {
        return Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_USERNAME", principal,
                "KAFKA_PASSWORD", broker.scramUsers().get(principal));
    }
}
