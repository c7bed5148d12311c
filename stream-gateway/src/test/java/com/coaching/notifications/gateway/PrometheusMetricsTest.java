package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.PrometheusScrape;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** What operators watch and alert on: the story's metric names as Prometheus shows them, histograms, consumer lag. */
class PrometheusMetricsTest extends GatewayIntegrationTest {

    private static final String OPENED = "sse_connections_total";
    private static final String NOTIFICATIONS_SENT = "sse_messages_sent_total{event_type=\"notification\"}";
    private static final String LAG_COUNT = "sse_delivery_lag_seconds_count";
    private static final String LAG_WITHIN_ONE_SECOND = "sse_delivery_lag_seconds_bucket{le=\"1.0\"}";
    private static final String ESTABLISHED_COUNT = "sse_connection_establishment_seconds_count";
    private static final String ESTABLISHED_WITHIN_TARGET = "sse_connection_establishment_seconds_bucket{le=\"0.5\"}";
    private static final String TOKEN_EXPIRED = "sse_reconnection_attempts_total{reason=\"token_expired\"}";

    @Test
    void scrapeShowsTheStorysMetricNamesBesideTodaysGaugesAndTheConsumerLag() {
        PrometheusScrape before = scrape();
        String userId = newUserId();
        try (SseClient client = SseClient.connect(streamUrl(), Map.of(
                HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user(userId), "Last-Event-ID", "0"))) {
            client.awaitEvent("connected", TIMEOUT);
            publish(notification(userId, 1, "Measured"));
            client.awaitEvent("notification", TIMEOUT);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> {
            PrometheusScrape after = scrape();
            assertThat(after.value(OPENED)).isGreaterThan(before.value(OPENED));
            assertThat(after.value(NOTIFICATIONS_SENT)).isGreaterThan(before.value(NOTIFICATIONS_SENT));
            assertThat(after.names()).contains(
                    "sse_connection_duration_seconds_bucket", "sse_connection_duration_seconds_count",
                    "sse_connections_active", "sse_reconnections_total", "sse_catchups_total",
                    "sse_connections_dropped_total", "kafka_consumer_fetch_manager_records_lag_max",
                    "http_server_requests_seconds_bucket");
        });
    }

    @Test
    void deliveryLagIsAHistogramWithAOneSecondBucketCountingEveryDeliveredFrame() {
        String userId = newUserId();
        try (SseClient first = connected(userId); SseClient second = connected(userId)) {
            PrometheusScrape before = scrape();
            publish(notification(userId, 1, "Twice"));
            first.awaitEvent("notification", TIMEOUT);
            second.awaitEvent("notification", TIMEOUT);

            // One event, two streams: two delivered frames, each within a second of its ce_time here.
            await().atMost(TIMEOUT).untilAsserted(() -> {
                PrometheusScrape after = scrape();
                assertThat(after.value(LAG_COUNT) - before.value(LAG_COUNT)).isEqualTo(2.0);
                assertThat(after.value(LAG_WITHIN_ONE_SECOND) - before.value(LAG_WITHIN_ONE_SECOND)).isEqualTo(2.0);
            });
        }
    }

    @Test
    void connectionEstablishmentIsAHistogramWithTheStorysHalfSecondBucketCountingOnlyAdmittedStreams() {
        PrometheusScrape before = scrape();
        try (SseClient refused = SseClient.connect(streamUrl(), Map.of())) {
            assertThat(refused.response(TIMEOUT).status()).isEqualTo(401);
        }
        try (SseClient client = connected(newUserId())) {
            // From the request's arrival, before its token is checked, to the stream admitted with its first frame.
            await().atMost(TIMEOUT).untilAsserted(() -> {
                PrometheusScrape after = scrape();
                assertThat(after.value(ESTABLISHED_COUNT) - before.value(ESTABLISHED_COUNT)).isEqualTo(1.0);
                assertThat(after.value(ESTABLISHED_WITHIN_TARGET) - before.value(ESTABLISHED_WITHIN_TARGET)).isEqualTo(1.0);
            });
        }
    }

    @Test
    void aStreamEndedForItsExpiredTokenCountsAReconnectionAttemptForThatReason() {
        double before = scrape().value(TOKEN_EXPIRED);
        String userId = newUserId();
        String token = TestTokens.token().subject(userId)
                .expiresAt(Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS)).sign();
        try (SseClient client = SseClient.connect(streamUrl(), token)) {
            client.awaitEvent("connected", TIMEOUT);
            client.awaitEvent("reauthenticate", TIMEOUT);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(scrape().value(TOKEN_EXPIRED)).isEqualTo(before + 1));
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(baseUrl());
    }
}
