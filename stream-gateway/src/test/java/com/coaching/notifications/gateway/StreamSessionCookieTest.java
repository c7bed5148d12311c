package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browsers' EventSource cannot send an Authorization header: they trade their bearer token for an
 * HttpOnly cookie scoped to the stream, and the stream accepts that cookie, checked like the header.
 */
class StreamSessionCookieTest extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SESSION = "/api/notifications/stream/session";

    private WebTestClient http;

    @BeforeEach
    void bindToServer() {
        http = WebTestClient.bindToServer().baseUrl(baseUrl()).build();
    }

    @Test
    void sessionWithBearerTokenAnswers204AndSetsTheTokenAsAStrictHttpOnlySecureCookieScopedToTheStream() {
        Instant expiresAt = Instant.now().plusSeconds(600);
        String token = TestTokens.token().subject(newUserId()).expiresAt(expiresAt).sign();

        ResponseCookie cookie = http.post().uri(SESSION)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isNoContent()
                .returnResult(Void.class)
                .getResponseCookies().getFirst("notifications_stream");

        assertThat(cookie).isNotNull();
        assertThat(cookie.getValue()).isEqualTo(token);
        assertThat(cookie.getPath()).isEqualTo("/api/notifications/stream");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        // Max-Age is the token's remaining lifetime: the cookie never outlives the token.
        assertThat(cookie.getMaxAge()).isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600));
    }

    @Test
    void streamOpensWithTheSessionCookieAloneAsThatCookiesUser() {
        String userId = newUserId();
        try (SseClient client = SseClient.connect(streamUrl(), cookie(TestTokens.user(userId)))) {
            SseClient.Frame connected = client.awaitEvent("connected", TIMEOUT);

            assertThat(client.response(TIMEOUT).status()).isEqualTo(200);
            assertThat(JSON.readTree(connected.data()).get("user_id").asString()).isEqualTo(userId);
        }
    }

    @Test
    void authorizationHeaderWinsOverTheCookie() {
        String headerUser = newUserId();
        String cookieUser = newUserId();
        Map<String, String> headers = Map.of(
                HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user(headerUser),
                HttpHeaders.COOKIE, "notifications_stream=" + TestTokens.user(cookieUser));
        try (SseClient client = SseClient.connect(streamUrl(), headers)) {
            SseClient.Frame connected = client.awaitEvent("connected", TIMEOUT);

            assertThat(JSON.readTree(connected.data()).get("user_id").asString()).isEqualTo(headerUser);
        }
    }

    @Test
    void invalidHeaderIsRejectedEvenWithAValidCookie() {
        http.get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token().signedWithUnknownKey().sign())
                .cookie("notifications_stream", TestTokens.user(newUserId()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody();
    }

    static Stream<Arguments> invalidTokens() {
        return NotificationStreamAuthenticationTest.invalidTokens();
    }

    @ParameterizedTest(name = "a session cookie holding a token {0} is rejected with 401 and problem details")
    @MethodSource("invalidTokens")
    void invalidCookieTokenIsRejectedWith401AndProblemDetails(String why, String token) {
        http.get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .cookie("notifications_stream", token)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "^Bearer .*error=\"invalid_token\".*")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void sessionWithoutBearerTokenIsRejectedWith401ProblemAndSetsNoCookie() {
        http.post().uri(SESSION)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void sessionCannotBeRenewedWithTheCookieItself() {
        http.post().uri(SESSION)
                .cookie("notifications_stream", TestTokens.user(newUserId()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody();
    }

    static Stream<Arguments> refusedBearerTokens() {
        return Stream.of(
                Arguments.of("expired 120 s ago", TestTokens.token().expiresAt(Instant.now().minusSeconds(120)).sign()),
                Arguments.of("without exp", TestTokens.token().withoutExpiry().sign()));
    }

    @ParameterizedTest(name = "a bearer token {0}: 401 problem, no cookie")
    @MethodSource("refusedBearerTokens")
    void sessionWithARefusedBearerTokenIsRejectedWith401Problem(String what, String token) {
        http.post().uri(SESSION)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void deletingTheSessionWithoutATokenAnswers204AndExpiresTheCookieWithTheSameNamePathAndFlags() {
        EntityExchangeResult<byte[]> result = http.delete().uri(SESSION)
                .cookie("notifications_stream", TestTokens.user(newUserId()))
                .exchange()
                .expectStatus().isNoContent()
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody().returnResult();

        assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).singleElement(STRING)
                .contains("Max-Age=0");
        assertCleared(result.getResponseCookies().getFirst("notifications_stream"));
    }

    @Test
    void deletingTheSessionWorksWithAnExpiredToken() {
        String expired = TestTokens.token().expiresAt(Instant.now().minusSeconds(600)).sign();

        ResponseCookie cookie = http.delete().uri(SESSION)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
                .cookie("notifications_stream", expired)
                .exchange()
                .expectStatus().isNoContent()
                .returnResult(Void.class)
                .getResponseCookies().getFirst("notifications_stream");

        assertCleared(cookie);
    }

    static void assertCleared(ResponseCookie cookie) {
        assertThat(cookie).isNotNull();
        assertThat(cookie.getValue()).isEmpty();
        assertThat(cookie.getMaxAge()).isZero();
        assertThat(cookie.getPath()).isEqualTo("/api/notifications/stream");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
    }

    private static Map<String, String> cookie(String token) {
        return Map.of(HttpHeaders.COOKIE, "notifications_stream=" + token);
    }
}
