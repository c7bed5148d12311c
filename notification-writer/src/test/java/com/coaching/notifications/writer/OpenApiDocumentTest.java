package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/openapi.json is what the running writer serves at /v3/api-docs, so the published description
 * cannot drift from the code. When the API changes on purpose, copy target/openapi.json over it.
 */
class OpenApiDocumentTest extends WriterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path COMMITTED = Path.of(System.getProperty("project.root", "..")).resolve("docs/openapi.json");

    @Test
    void theCommittedDocumentIsWhatTheRunningWriterServes() throws Exception {
        HttpResponse response = client.get("/v3/api-docs", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode live = withoutServers(JSON.readTree(response.body()));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n");

        assertThat(COMMITTED).as("docs/openapi.json (generate it: copy notification-writer/target/openapi.json)").isRegularFile();
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
        assertThat(committed).as("docs/openapi.json is out of date; copy notification-writer/target/openapi.json over it")
                .isEqualTo(live);
    }

    @Test
    void everyInboxAndCreationEndpointIsDescribed() throws Exception {
        JsonNode paths = JSON.readTree(client.get("/v3/api-docs", null).body()).get("paths");
        List<String> operations = new ArrayList<>();
        paths.properties().forEach(p -> p.getValue().propertyNames().forEach(m -> operations.add(m + " " + p.getKey())));

        assertThat(operations).contains(
                "post /api/notifications", "get /api/notifications", "get /api/notifications/unread-count",
                "post /api/notifications/{id}/read", "post /api/notifications/read-all", "delete /api/notifications/{id}",
                "get /api/notifications/events", "post /api/notifications/broadcast");
    }

    @Test
    void documentedSuccessStatusesAreTheOnesTheWriterAnswers() throws Exception {
        JsonNode paths = JSON.readTree(client.get("/v3/api-docs", null).body()).get("paths");
        String user = "user-" + java.util.UUID.randomUUID();

        HttpResponse created = client.post("/api/notifications", WriterClient.WRITE_TOKEN, WriterClient.notificationFor(user, "t"));
        String id = created.json().get("id").asString();
        HttpResponse deleted = client.delete("/api/notifications/" + id, com.coaching.notifications.testsupport.TestTokens.user(user));

        assertThat(paths.get("/api/notifications").get("post").get("responses").propertyNames())
                .containsExactly(Integer.toString(created.status()));
        assertThat(paths.get("/api/notifications/{id}").get("delete").get("responses").propertyNames())
                .containsExactly(Integer.toString(deleted.status()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(deleted.status()).isEqualTo(204);
    }

    /** The server URL names the test's random port; it is not part of the description. */
    private static JsonNode withoutServers(JsonNode document) {
        ((tools.jackson.databind.node.ObjectNode) document).remove("servers");
        return document;
    }
}
