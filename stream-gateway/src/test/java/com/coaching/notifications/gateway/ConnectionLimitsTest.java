package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * A replica sheds load instead of falling over: users and client addresses that ask too often get 429,
 * a user over the connection cap 429, a full replica 503, each with Retry-After. Each test comes from a
 * client address of its own: the test connects from 127.0.0.1, which is a trusted proxy here, and names
 * the client in X-Forwarded-For as a proxy would.
 */
@TestPropertySource(properties = {
        "notifications.stream.limits.trusted-proxies=127.0.0.1",
        "notifications.stream.limits.connections-per-user=2",
        "notifications.stream.limits.connections-per-replica=5",
        "notifications.stream.limits.retry-after=7s",
        "notifications.stream.limits.user-attempt-burst=4",
        "notifications.stream.limits.user-attempts-per-minute=1",
        "notifications.stream.limits.address-attempt-burst=5",
        "notifications.stream.limits.address-attempts-per-minute=1"})
class ConnectionLimitsTest extends GatewayIntegrationTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final WebTestClient http = WebTestClient.bindToServer().build();
    private final List<SseClient> open = new ArrayList<>();

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void closeStreams() {
        open.forEach(SseClient::close);
    }

    @Test
    void userOverTheConnectionCapIsRefusedWith429AndRetryAfter() {
        String address = newAddress();
        String userId = newUserId();
        double before = rejected("user_connections");
        openStream(userId, address);
        openStream(userId, address);

        streamRequest(TestTokens.user(userId), address)
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "7")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(429).jsonPath("$.detail").isNotEmpty();

        assertThat(registry.connections(userId).size()).isEqualTo(2);
        assertThat(rejected("user_connections")).isEqualTo(before + 1);
    }

    @Test
    void floodOfStreamRequestsByOneUserIsRefusedWith429AndRetryAfter() {
        String token = TestTokens.user(newUserId());
        // Each from another address, so only the user's budget (burst 4) is spent.
        for (int i = 0; i < 4; i++) {
            streamRequest(token, newAddress()).header("Last-Event-ID", "not-a-seq")
                    .exchange().expectStatus().isBadRequest().expectBody();
        }

        streamRequest(token, newAddress())
                .exchange()
                .expectStatus().isEqualTo(429)
                // A minute for the next attempt, less the refill while the test's requests were being sent.
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Integer.parseInt(seconds)).isBetween(50, 60))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        assertThat(rejected("user_attempts")).isPositive();
    }

    @Test
    void floodFromOneClientAddressIsRefusedWith429BeforeAnyTokenIsChecked() {
        String address = newAddress();
        for (int i = 0; i < 5; i++) {
            streamRequest(null, address).exchange().expectStatus().isUnauthorized().expectBody();
        }

        streamRequest(null, address)
                .exchange()
                .expectStatus().isEqualTo(429)
                // A minute for the next attempt, less the refill while the test's requests were being sent.
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Integer.parseInt(seconds)).isBetween(50, 60))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        http.post().uri(baseUrl() + "/api/notifications/stream/session")
                .header("X-Forwarded-For", address)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user(newUserId()))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectBody();
        // Other clients are not affected.
        streamRequest(null, newAddress()).exchange().expectStatus().isUnauthorized().expectBody();
        assertThat(rejected("address_attempts")).isPositive();
    }

    @Test
    void replicaOverItsConnectionCapIsRefusedWith503AndRetryAfter() {
        await().atMost(TIMEOUT).until(() -> registry.size() == 0);
        String user1 = newUserId();
        String user2 = newUserId();
        String user3 = newUserId();
        for (String userId : List.of(user1, user1, user2, user2, user3)) {
            openStream(userId, newAddress());
        }

        streamRequest(TestTokens.user(newUserId()), newAddress())
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "7")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(503);
        assertThat(registry.size()).isEqualTo(5);
    }

    @Test
    void aClientThatIsNoTrustedProxyIsLimitedUnderItsOwnAddressWhateverItClaims() {
        // 127.0.0.2 is a loopback address too, but not a trusted proxy: it is a client like any other.
        WebTestClient untrusted = WebTestClient.bindToServer(new ReactorClientHttpConnector(
                HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0)))).build();
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            claimed.add(newAddress());
            streamRequest(untrusted, null, claimed.get(i)).exchange().expectStatus().isUnauthorized().expectBody();
        }

        // Another address in the header each time does not buy another budget...
        streamRequest(untrusted, null, newAddress()).exchange().expectStatus().isEqualTo(429).expectBody();
        // ...and spent none of the addresses it named: through the proxy, those clients are not limited.
        for (String address : claimed) {
            streamRequest(null, address).exchange().expectStatus().isUnauthorized().expectBody();
        }
    }

    private void openStream(String userId, String address) {
        SseClient client = SseClient.connect(streamUrl(), Map.of(
                HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user(userId), "X-Forwarded-For", address));
        open.add(client);
        client.awaitEvent("connected", TIMEOUT);
    }

    private WebTestClient.RequestHeadersSpec<?> streamRequest(String token, String address) {
        return streamRequest(http, token, address);
    }

    private WebTestClient.RequestHeadersSpec<?> streamRequest(WebTestClient client, String token, String address) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(streamUrl())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("X-Forwarded-For", address);
        return token == null ? request : request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private double rejected(String reason) {
        var counter = meters.find("sse.connections.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
