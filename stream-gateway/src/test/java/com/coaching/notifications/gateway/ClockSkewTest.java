package com.coaching.notifications.gateway;

import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The accepted clock skew is a setting: a smaller one refuses a token the default of 30s accepts. */
@TestPropertySource(properties = "notifications.access-tokens.clock-skew=2s")
class ClockSkewTest extends GatewayIntegrationTest {

    @Test
    void aSmallerClockSkewRefusesATokenExpiredTenSecondsAgo() {
        String token = TestTokens.token().expiredAgo(Duration.ofSeconds(10)).sign();

        WebTestClient.bindToServer().baseUrl(baseUrl()).build()
                .get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }
}
