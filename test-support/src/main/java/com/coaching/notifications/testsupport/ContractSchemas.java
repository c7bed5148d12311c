package com.coaching.notifications.testsupport;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's JSON Schemas (draft 2020-12, {@code shared-events}' {@code schemas/}) applied by a real
 * validator: types, enums, lengths and formats ({@code uuid}, {@code date-time}) are asserted, not only the
 * names of the fields. For the payloads tests publish, receive or send.
 */
public final class ContractSchemas {

    /** The notification requests other services publish. */
    public static final String REQUEST = "schemas/notification.request.v1.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // Formats are annotations only since draft 2019-09 unless asserted; the contract means them.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> BY_RESOURCE = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** What is wrong with {@code json} by the schema at this classpath resource; empty when it is valid. */
    public static List<String> violations(String schemaResource, byte[] json) {
        return messages(BY_RESOURCE.computeIfAbsent(schemaResource, ContractSchemas::load).validate(JSON.readTree(json)));
    }

    /**
     * What is wrong with {@code data} by a schema given as a tree (one inline in another document, or a file
     * another document references), read as if retrieved from {@code location}, against which a relative
     * {@code $id} resolves.
     */
    public static List<String> violations(String location, JsonNode schema, JsonNode data) {
        return messages(REGISTRY.getSchema(SchemaLocation.of(location), schema).validate(data));
    }

    public static void assertValid(String schemaResource, byte[] json) {
        List<String> violations = violations(schemaResource, json);
        if (!violations.isEmpty()) {
            String text = new String(json, StandardCharsets.UTF_8);
            throw new AssertionError("not valid by " + schemaResource + ": " + violations + " in "
                    + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
        }
    }

    /** An event record's value is valid by the schema of its {@code ce_type}, a type the contract knows. */
    public static void assertValidEvent(ConsumerRecord<String, byte[]> record) {
        String ceType = EventEnvelope.header(record.headers(), CloudEventHeaders.TYPE);
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new AssertionError("ce_type of no schema: " + ceType));
        assertValid(type.dataSchema(), record.value());
    }

    private static Schema load(String resource) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError(resource + " is not on the classpath");
            }
            // Located on the classpath, so the schemas' relative $id resolves.
            return REGISTRY.getSchema(SchemaLocation.of("classpath:" + resource), JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
