package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Story test 2: no stream without a valid token, and a 401 that says why in RFC 9457 form. */
class NotificationStreamAuthenticationTest extends GatewayIntegrationTest {

    private WebTestClient http;

    @BeforeEach
    void bindToServer() {
        http = WebTestClient.bindToServer().baseUrl(baseUrl()).build();
    }

    @Test
    void requestWithoutTokenIsRejectedWith401AndProblemDetails() {
        http.get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "^Bearer.*")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.instance").isEqualTo("/api/notifications/stream")
                .jsonPath("$.trace").doesNotExist();
    }

    static Stream<Arguments> invalidTokens() {
        return Stream.of(
                Arguments.of("not a JWT at all", "invalid_token"),
                Arguments.of("expired", TestTokens.token().expiresAt(Instant.now().minusSeconds(120)).sign()),
                Arguments.of("expired beyond the clock skew", TestTokens.token().expiredAgo(Duration.ofSeconds(60)).sign()),
                Arguments.of("without expiry", TestTokens.token().withoutExpiry().sign()),
                Arguments.of("from another issuer", TestTokens.token().issuer("https://evil.example").sign()),
                Arguments.of("for another audience", TestTokens.token().audience("billing").sign()),
                Arguments.of("signed with an unknown key", TestTokens.token().signedWithUnknownKey().sign()),
                Arguments.of("unsigned (alg none)", TestTokens.unsigned(newUserId())));
    }

    @ParameterizedTest(name = "token {0} is rejected with 401 invalid_token and problem details")
    @MethodSource("invalidTokens")
    void invalidTokenIsRejectedWith401AndProblemDetails(String why, String token) {
        http.get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "^Bearer .*error=\"invalid_token\".*")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @ParameterizedTest(name = "a valid token for subject \"{0}\" is refused with 403 before any frame")
    @ValueSource(strings = {"-starts-with-a-dash", ".starts-with-a-dot", "has space", "slash/in/it"})
    void aValidTokenWhoseSubjectIsNoUserIdIsRefusedWith403(String subject) {
        // Such a stream could never catch up (the writer refuses the subject), so a client would be told to
        // reconnect for ever; a 403 ends the attempts: EventSource does not retry an answer other than 200.
        String token = TestTokens.token().subject(subject).sign();
        int before = registry.size();
        http.get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Last-Event-ID", "3")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("notifications.user-ids.pattern"))
                .jsonPath("$.trace").doesNotExist();
        assertThat(registry.size()).isLessThanOrEqualTo(before);
    }

    @Test
    void aTokenExpiredWithinTheDefaultClockSkewStillOpensTheStream() {
        String token = TestTokens.token().expiredAgo(Duration.ofSeconds(10)).sign();
        try (SseClient client = SseClient.connect(streamUrl(), token)) {
            client.awaitEvent("connected", TIMEOUT);

            assertThat(client.response(TIMEOUT).status()).isEqualTo(200);
        }
    }

    @Test
    void rejectedStreamClientSeesNoFramesAndNoConnectionIsRegistered() {
        int before = registry.size();
        try (SseClient client = SseClient.connect(streamUrl(), (String) null)) {
            SseClient.Response response = client.response(TIMEOUT);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
            assertThat(client.received()).isEmpty();
        }
        assertThat(registry.size()).isLessThanOrEqualTo(before);
    }
}
