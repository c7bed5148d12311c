package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.gateway.web.StreamPaths;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * A stream is measured by the stream's own metrics ({@code sse_*}), not as an HTTP request: an HTTP
 * request observation would stay open, and in memory, for as long as the stream. Other requests still are.
 */
class StreamObservationTest extends GatewayIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aStreamIsNotObservedAsAnHttpRequestWhileTheSessionRequestIs() throws Exception {
        String userId = newUserId();
        SseClient client = connected(userId);
        client.close();
        await().atMost(TIMEOUT).until(() -> registry.connections(userId).isEmpty());
        HttpResponse<Void> session = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + StreamPaths.SESSION))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user(userId))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(session.statusCode()).isBetween(200, 299);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(scrape())
                .contains("uri=\"" + StreamPaths.SESSION + "\"")
                .containsPattern("sse_connection_duration_seconds_count [1-9]"));
        assertThat(scrape()).doesNotContain("uri=\"" + StreamPaths.STREAM + "\"");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
