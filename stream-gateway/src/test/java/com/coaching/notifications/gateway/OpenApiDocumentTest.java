package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docs/openapi-stream-gateway.json is what the running gateway serves at /v3/api-docs. When the API
 * changes on purpose, copy stream-gateway/target/openapi.json over it.
 */
class OpenApiDocumentTest extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path COMMITTED = Path.of(System.getProperty("project.root", ".."))
            .resolve("docs/openapi-stream-gateway.json");

    @Test
    void theCommittedDocumentIsWhatTheRunningGatewayServesAndNamesBothEndpoints() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode live = JSON.readTree(response.body());
        // The server URL names the test's random port; it is not part of the description.
        ((ObjectNode) live).remove("servers");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(live) + "\n");

        List<String> operations = new ArrayList<>();
        live.get("paths").properties().forEach(p -> p.getValue().propertyNames().forEach(m -> operations.add(m + " " + p.getKey())));
        assertThat(operations).contains("get /api/notifications/stream", "post /api/notifications/stream/session",
                "delete /api/notifications/stream/session");
        assertThat(COMMITTED).as("docs/openapi-stream-gateway.json (copy stream-gateway/target/openapi.json)").isRegularFile();
        assertThat(JSON.readTree(Files.readString(COMMITTED)))
                .as("docs/openapi-stream-gateway.json is out of date; copy stream-gateway/target/openapi.json over it")
                .isEqualTo(live);
    }
}
