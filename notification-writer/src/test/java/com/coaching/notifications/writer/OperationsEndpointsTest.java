package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.test.util.ReflectionTestUtils;

class OperationsEndpointsTest extends WriterIntegrationTest {

    @Autowired
    FilterChainProxy securityFilters;

    @Test
    void healthIsUpWithoutAToken() {
        HttpResponse health = client.get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusExposesTheOutboxBacklog() {
        HttpResponse metrics = client.get("/actuator/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("notifications_outbox_backlog");
    }

    @Test
    void prometheusExposesTheRelaysConnectionPoolBesideTheApplicationsOne() {
        // The relay's pool opens on its first use, the first sweep after startup.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                client.get("/actuator/prometheus", null).body().lines()
                        .filter(line -> line.startsWith("hikaricp_connections_max{"))
                        .toList())
                .anyMatch(line -> line.contains("pool=\"outbox-relay\"") && line.endsWith(" 3.0"))
                .anyMatch(line -> line.contains("pool=\"HikariPool-") && line.endsWith(" 10.0")));
    }

    @Test
    void requestMetricsAreExportedWithoutObservationsOfTheSecurityFilterChain() {
        client.create("ops-" + UUID.randomUUID(), "counted");

        String metrics = client.get("/actuator/prometheus", null).body();

        assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{")))
                .anyMatch(line -> line.contains("method=\"POST\"") && line.contains("uri=\"/api/notifications\""));
        // Percentile buckets, so a p99 of the writer's POST can be computed.
        assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_bucket{")))
                .anyMatch(line -> line.contains("uri=\"/api/notifications\"") && line.contains("le=\"0.5\""));
        // Spring Security's per-filter observations cost about a quarter of the request threads' CPU.
        assertThat(metrics).doesNotContain("spring_security_filterchains");
    }

    @Test
    void securityFiltersAreNotWrappedInObservations() {
        // Observations that a predicate turns off still cost their wrappers on every filter of every request.
        // The bean is Spring Security's composite; the decorator belongs to the proxy of the chains inside it.
        Object chains = ReflectionTestUtils.getField(securityFilters, "springSecurityFilterChain");
        assertThat(chains).isInstanceOf(FilterChainProxy.class);
        assertThat(ReflectionTestUtils.getField(chains, "filterChainDecorator"))
                .isNotInstanceOf(ObservationFilterChainDecorator.class);
    }
}
