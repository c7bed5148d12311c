package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Story tests 1 and 6: opening a stream and cleaning it up when the client goes away. */
class NotificationStreamConnectionTest extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void authenticatedUserGetsAnEventStreamWithStreamingHeadersAndAnImmediateConnectedFrame() {
        String userId = newUserId();
        try (SseClient client = connect(userId)) {
            // Headers leave the server with the first frame, so a prompt response proves the frame was sent at once.
            SseClient.Response response = client.response(Duration.ofSeconds(2));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().getFirst("Content-Type")).isEqualTo("text/event-stream");
            assertThat(response.headers().getFirst("Cache-Control")).isEqualTo("no-cache");
            assertThat(response.headers().getFirst("Connection")).isEqualTo("keep-alive");
            assertThat(response.headers().getFirst("X-Accel-Buffering")).isEqualTo("no");

            SseClient.Frame first = client.await(frame -> true, Duration.ofSeconds(2));
            assertThat(first.event()).isEqualTo("connected");
            assertThat(first.retry()).isNotNull();
            JsonNode data = JSON.readTree(first.data());
            assertThat(data.get("user_id").asString()).isEqualTo(userId);
            assertThat(data.get("timestamp").asString()).isNotBlank();
        }
    }

    @Test
    void registryCountsAConnectionWhileOpenAndForgetsItWhenTheClientCloses() {
        await().atMost(TIMEOUT).until(() -> registry.size() == 0);
        String userId = newUserId();

        SseClient client = connected(userId);
        await().atMost(TIMEOUT).until(() -> registry.size() == 1);
        assertThat(registry.connections(userId).size()).isEqualTo(1);

        client.close();
        await().atMost(TIMEOUT).until(() -> registry.size() == 0);
        assertThat(registry.connections(userId).size()).isZero();
    }

    @Test
    void streamTellsTheClientToReauthenticateAndEndsWhenItsTokenExpires() {
        String userId = newUserId();
        Instant expiresAt = Instant.now().plusSeconds(1);
        String shortLived = TestTokens.token().subject(userId).expiresAt(expiresAt).sign();
        try (SseClient client = SseClient.connect(streamUrl(), shortLived)) {
            client.awaitEvent("connected", TIMEOUT);

            SseClient.Frame reauthenticate = client.awaitEvent("reauthenticate", TIMEOUT);
            // At the token's expiry, not a heartbeat later (JWT times have whole seconds).
            assertThat(Instant.now()).isAfterOrEqualTo(expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(JSON.readTree(reauthenticate.data()).get("reason").asString()).isEqualTo("token_expired");
            assertThat(reauthenticate.id()).isNull();
            await().atMost(TIMEOUT).until(client::ended);
            await().atMost(TIMEOUT).until(() -> registry.connections(userId).size() == 0);
        }
    }

    @Test
    void activeConnectionsAreExposedAsAPrometheusGauge() throws Exception {
        String userId = newUserId();
        try (SseClient ignored = connected(userId)) {
            java.net.http.HttpResponse<String> scrape = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("sse_connections_active");
        }
    }
}
