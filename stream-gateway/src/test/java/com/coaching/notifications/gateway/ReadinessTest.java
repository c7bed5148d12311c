package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A replica takes traffic only once it reads the event topic; before that it would miss events. */
class ReadinessTest extends GatewayIntegrationTest {

    @Test
    void readinessIncludesTheEventConsumerWhichIsUpOncePartitionsAreAssigned() throws Exception {
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"eventConsumer\"").contains("\"UP\"");
    }
}
