package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** What operators watch: the stream's own metrics and the consumer's lag, on the Prometheus endpoint. */
class PrometheusMetricsTest extends GatewayIntegrationTest {

    @Test
    void scrapeShowsConnectionsMessagesDurationReconnectionsDeliveryLagAndConsumerLag() {
        String userId = newUserId();
        try (SseClient client = SseClient.connect(streamUrl(), Map.of(
                HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user(userId), "Last-Event-ID", "0"))) {
            client.awaitEvent("connected", TIMEOUT);
            publish(notification(userId, 1, "Measured"));
            client.awaitEvent("notification", TIMEOUT);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(scrape())
                .contains("sse_connections_active")
                .containsPattern("sse_messages_sent_total\\{event=\"notification\"} [1-9]")
                .containsPattern("sse_connection_duration_seconds_count [1-9]")
                .containsPattern("sse_reconnections_total [1-9]")
                .containsPattern("sse_delivery_lag_seconds_count [1-9]")
                .containsPattern("sse_catchups_total\\{outcome=\"caught_up\"} [1-9]")
                .contains("sse_connections_dropped_total")
                .contains("kafka_consumer_fetch_manager_records_lag_max"));
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
