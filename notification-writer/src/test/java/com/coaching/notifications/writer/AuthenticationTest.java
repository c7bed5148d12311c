package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class AuthenticationTest extends WriterIntegrationTest {

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("an expired token", TestTokens.token().scopes("notifications:write")
                        .expiresAt(Instant.now().minusSeconds(300)).sign()),
                Arguments.of("a token without expiry", TestTokens.token().scopes("notifications:write")
                        .withoutExpiry().sign()),
                Arguments.of("a token expired beyond the clock skew", TestTokens.token().scopes("notifications:write")
                        .expiredAgo(Duration.ofSeconds(60)).sign()),
                Arguments.of("a token of another issuer", TestTokens.token().scopes("notifications:write")
                        .issuer("https://evil.example").sign()),
                Arguments.of("a token for another audience", TestTokens.token().scopes("notifications:write")
                        .audience("billing").sign()),
                Arguments.of("a token signed with an unknown key", TestTokens.token().scopes("notifications:write")
                        .signedWithUnknownKey().sign()),
                Arguments.of("an unsigned alg-none token", TestTokens.unsigned("user-" + UUID.randomUUID())),
                Arguments.of("garbage", "not-a-jwt"));
    }

    @ParameterizedTest(name = "POST with {0} is a 401 problem with a Bearer challenge")
    @MethodSource("rejectedTokens")
    void postWithoutAValidTokenIsA401ProblemAndStoresNothing(String name, String token) {
        String user = "user-" + UUID.randomUUID();

        HttpResponse response = client.post("/api/notifications", token, WriterClient.notificationFor(user, "t"));

        assertUnauthorized(response);
        assertThat(storedNotifications(user)).isZero();
        assertThat(outboxRows(user)).isZero();
    }

    @ParameterizedTest(name = "GET with {0} is a 401 problem with a Bearer challenge")
    @MethodSource("rejectedTokens")
    void getWithoutAValidTokenIsA401Problem(String name, String token) {
        assertUnauthorized(client.get("/api/notifications", token));
        assertUnauthorized(client.get("/api/notifications/unread-count", token));
    }

    @Test
    void userTokenWithoutTheWriteScopeCannotCreateA403Problem() {
        String user = "user-" + UUID.randomUUID();

        HttpResponse response = client.post("/api/notifications", TestTokens.user(user), WriterClient.notificationFor(user, "t"));

        response.assertInsufficientScope();
        assertThat(storedNotifications(user)).isZero();
    }

    @Test
    void serviceTokenWithTheWriteScopeCanCreate() {
        HttpResponse response = client.post("/api/notifications", TestTokens.service("notifications:write"),
                WriterClient.notificationFor("user-" + UUID.randomUUID(), "t"));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void aTokenExpiredWithinTheDefaultClockSkewIsStillAccepted() {
        String token = TestTokens.token().scopes("notifications:write").expiredAgo(Duration.ofSeconds(10)).sign();

        HttpResponse response = client.post("/api/notifications", token,
                WriterClient.notificationFor("user-" + UUID.randomUUID(), "t"));

        assertThat(response.status()).isEqualTo(201);
    }

    static void assertUnauthorized(HttpResponse response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("\tat ");
    }
}
