package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The story's enable_sse_notifications switch: off, the stream refuses with 503 and clients keep polling. */
@TestPropertySource(properties = "notifications.sse.enabled=false")
class SseFeatureSwitchTest extends GatewayIntegrationTest {

    private WebTestClient http;

    @BeforeEach
    void bindToServer() {
        http = WebTestClient.bindToServer().baseUrl(baseUrl()).build();
    }

    @Test
    void switchedOffStreamAnswers503ProblemEvenToAValidToken() {
        http.get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user(newUserId()))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isNotEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void switchedOffAnswerIsReadableByAnAllowedCrossOriginPage() {
        http.get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                .expectBody();
    }

    @Test
    void switchedOffSessionEndpointAnswers503AndSetsNoCookie() {
        http.post().uri("/api/notifications/stream/session")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user(newUserId()))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }
}
