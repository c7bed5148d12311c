package com.coaching.notifications.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/asyncapi.yaml describes exactly the topics, event types, headers and schema files of this contract. */
class AsyncApiDocumentTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    @Test
    void channelsAreTheTopicsAndTheStream() {
        Map<String, Object> channels = map(document().get("channels"));

        assertThat(address(channels, "events")).isEqualTo(Topics.EVENTS);
        assertThat(address(channels, "requests")).isEqualTo(Topics.REQUESTS);
        assertThat(address(channels, "requestsDeadLetter")).isEqualTo(Topics.REQUESTS_DLT);
        assertThat(address(channels, "stream")).isEqualTo("/api/notifications/stream");
    }

    @Test
    void theEventTopicCarriesEveryEventTypeAndTheStreamEverySseName() {
        Map<String, Object> channels = map(document().get("channels"));
        Set<String> ceTypes = Arrays.stream(EventType.values()).map(EventType::ceType).collect(Collectors.toSet());
        Set<String> sseNames = Arrays.stream(EventType.values()).map(EventType::sseName).collect(Collectors.toSet());
        sseNames.addAll(List.of("connected", "heartbeat", "reauthenticate", "reset"));

        assertThat(messageNames(channels, "events")).isEqualTo(ceTypes);
        assertThat(messageNames(channels, "stream")).isEqualTo(sseNames);
    }

    @Test
    void requiredHeadersAreExactlyTheOnesEveryRecordCarries() {
        ProducerRecord<String, byte[]> record = new EventEnvelope(UUID.randomUUID(), EventType.NOTIFICATION_CREATED,
                "/notification-writer", Instant.now(), "u", 1, new byte[0]).toRecord(Topics.EVENTS);
        Set<String> written = StreamSupport.stream(record.headers().spliterator(), false)
                .map(h -> h.key()).collect(Collectors.toSet());
        Map<String, Object> headers = map(map(map(document().get("components")).get("schemas")).get("CloudEventHeaders"));

        assertThat(new HashSet<>(list(headers.get("required")))).isEqualTo(written);
        assertThat(map(headers.get("properties")).keySet()).isEqualTo(written);
    }

    @Test
    void everyPayloadSchemaFileExistsAndEveryDataSchemaIsDescribed() {
        Map<String, Object> messages = map(map(document().get("components")).get("messages"));
        Set<String> referenced = new HashSet<>();
        messages.values().forEach(m -> {
            Object ref = map(map(m).get("payload")).get("$ref");
            if (ref != null) {
                referenced.add(ref.toString());
                assertThat(ROOT.resolve("docs").resolve(ref.toString()).normalize()).as(ref.toString()).isRegularFile();
            }
        });
        for (EventType type : EventType.values()) {
            assertThat(referenced).contains("../shared-events/src/main/resources/" + type.dataSchema());
        }
    }

    private static Map<String, Object> document() {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docs/asyncapi.yaml"))) {
            Map<String, Object> doc = new Yaml().load(in);
            assertThat(doc.get("asyncapi")).isEqualTo("3.0.0");
            return doc;
        } catch (IOException e) {
            throw new AssertionError("cannot read docs/asyncapi.yaml", e);
        }
    }

    private static String address(Map<String, Object> channels, String channel) {
        return String.valueOf(map(channels.get(channel)).get("address"));
    }

    /** The message names of a channel, as the referenced messages declare them. */
    private static Set<String> messageNames(Map<String, Object> channels, String channel) {
        Map<String, Object> components = map(map(document().get("components")).get("messages"));
        return map(map(channels.get(channel)).get("messages")).values().stream()
                .map(m -> String.valueOf(map(m).get("$ref")).replace("#/components/messages/", ""))
                .map(id -> String.valueOf(map(components.get(id)).get("name")))
                .collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<?>) value;
    }
}
