package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** For plain-HTTP local runs the cookie can go without Secure: set and cleared alike. */
@TestPropertySource(properties = "notifications.stream.session-cookie.secure=false")
class PlainHttpSessionCookieTest extends GatewayIntegrationTest {

    private static final String SESSION = "/api/notifications/stream/session";

    @Test
    void theCookieIsSetAndClearedWithoutSecure() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl(baseUrl()).build();

        ResponseCookie set = http.post().uri(SESSION)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user(newUserId()))
                .exchange().expectStatus().isNoContent()
                .returnResult(Void.class).getResponseCookies().getFirst("notifications_stream");
        ResponseCookie cleared = http.delete().uri(SESSION)
                .exchange().expectStatus().isNoContent()
                .returnResult(Void.class).getResponseCookies().getFirst("notifications_stream");

        assertThat(set).isNotNull();
        assertThat(set.isSecure()).isFalse();
        assertThat(cleared).isNotNull();
        assertThat(cleared.isSecure()).isFalse();
        assertThat(cleared.isHttpOnly()).isTrue();
        assertThat(cleared.getMaxAge()).isZero();
    }
}
