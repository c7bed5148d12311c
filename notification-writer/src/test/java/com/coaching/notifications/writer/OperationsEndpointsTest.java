package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationsEndpointsTest extends WriterIntegrationTest {

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
}
