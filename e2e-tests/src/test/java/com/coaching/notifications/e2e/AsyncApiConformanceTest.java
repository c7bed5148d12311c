package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.ContractSchemas;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/asyncapi.yaml against the running applications: a user's notification is created, read and
 * deleted through the writer; every frame the gateway streams and every record on the topic must be a
 * message the document declares, with the headers it requires and a payload valid by its schema.
 */
class AsyncApiConformanceTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void framesAndRecordsOfACreatedReadAndDeletedNotificationAreTheDocumentedMessages() throws Exception {
        Map<String, Object> doc = document();
        try (RunningSystem system = RunningSystem.start(1)) {
            String user = "user-" + UUID.randomUUID();
            String token = TestTokens.user(user);
            try (SseClient stream = SseClient.connect(system.streamUrl(0), token)) {
                stream.awaitEvent("connected", Duration.ofSeconds(10));
                String id = system.create(user, "Documented");
                stream.awaitEvent("notification", Duration.ofSeconds(10));
                assertThat(call(system, "POST", "/api/notifications/" + id + "/read", token)).isEqualTo(200);
                stream.awaitEvent("notification.read", Duration.ofSeconds(10));
                assertThat(call(system, "DELETE", "/api/notifications/" + id, token)).isEqualTo(204);
                stream.awaitEvent("notification.deleted", Duration.ofSeconds(10));

                Map<String, Map<String, Object>> streamMessages = messages(doc, "stream");
                for (SseClient.Frame frame : stream.received()) {
                    assertThat(streamMessages).as("SSE event '" + frame.event() + "' is documented").containsKey(frame.event());
                    assertConforms(streamMessages.get(frame.event()), JSON.readTree(frame.data()), frame.event());
                }
            }

            Map<String, Map<String, Object>> topicMessages = messages(doc, "events");
            List<String> requiredHeaders = requiredHeaders(doc);
            List<ConsumerRecord<String, byte[]>> records = recordsOf(user, 3);
            for (ConsumerRecord<String, byte[]> record : records) {
                Set<String> headers = new HashSet<>();
                for (Header h : record.headers()) {
                    headers.add(h.key());
                }
                assertThat(headers).as("headers of a record").containsAll(requiredHeaders);
                String type = new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                assertThat(topicMessages).as("ce_type '" + type + "' is documented").containsKey(type);
                assertConforms(topicMessages.get(type), JSON.readTree(record.value()), type);
            }
            assertThat(records).extracting(r -> new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .containsExactly("notification.created", "notification.read", "notification.deleted");
        }
    }

    /**
     * The payload is valid by its schema (inline, or a referenced schema file), as a JSON Schema validator
     * applies it: types, enums, lengths and formats, not only the names of the required fields.
     */
    @SuppressWarnings("unchecked")
    private static void assertConforms(Map<String, Object> message, JsonNode data, String name) throws IOException {
        Map<String, Object> payload = (Map<String, Object>) message.get("payload");
        Path document = ROOT.resolve("docs/asyncapi.yaml");
        if (payload.get("$ref") != null) {
            document = document.resolveSibling(payload.get("$ref").toString()).normalize();
        }
        JsonNode schema = payload.get("$ref") != null ? JSON.readTree(Files.readString(document)) : JSON.valueToTree(payload);
        assertThat(ContractSchemas.violations(document.toUri().toString(), schema, data)).as(name + ": " + data).isEmpty();
    }

    private static int call(RunningSystem system, String method, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.writer.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(String user, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("notifications.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await("the user's records on the topic").atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (user.equals(r.key())) {
                        records.add(r);
                    }
                });
                return records.size() >= expected;
            });
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> messages(Map<String, Object> doc, String channel) {
        Map<String, Object> channels = (Map<String, Object>) doc.get("channels");
        Map<String, Object> refs = (Map<String, Object>) ((Map<String, Object>) channels.get(channel)).get("messages");
        Map<String, Object> components = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("messages");
        Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
        refs.values().forEach(ref -> {
            String id = ((Map<String, Object>) ref).get("$ref").toString().replace("#/components/messages/", "");
            Map<String, Object> message = (Map<String, Object>) components.get(id);
            byName.put(message.get("name").toString(), message);
        });
        return byName;
    }

    @SuppressWarnings("unchecked")
    private static List<String> requiredHeaders(Map<String, Object> doc) {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        return (List<String>) ((Map<String, Object>) schemas.get("CloudEventHeaders")).get("required");
    }

    private static Map<String, Object> document() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docs/asyncapi.yaml"))) {
            return new Yaml().load(in);
        }
    }
}
