package com.coaching.notifications.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.SseClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateways' per-address limit as it works behind the local stack's one origin: every client reaches
 * the gateways through the proxy, so the gateways must limit each client under its own address, not the
 * proxy's, and no client may pick the address it is counted under. Clients come from addresses of their
 * own in 127.0.0.0/8. The burst is the default (100 per address on each of the two replicas); the refill
 * is slowed to one a second, so that how fast this machine sends does not decide who is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAddressBehindTheProxyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Round robin gives each replica half: 150 requests against a budget of 100 per replica. */
    private static final int FLOOD = 300;

    private RunningLocalStack stack;

    @BeforeAll
    void startStack() throws Exception {
        stack = RunningLocalStack.start("client-address-it-data",
                "--local-stack.gateway-properties.[notifications.stream.limits.address-attempts-per-minute]=60");
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
            assertThat(stack.postgresListening()).as("the stack's PostgreSQL stopped with it").isFalse();
        }
    }

    @Test
    void manyUsersFromSeveralAddressesOpenTheirStreamsAtOnceWithoutARefusal() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tokens.add(stack.token("user=burst-" + i));
        }
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < tokens.size(); i++) {
                streams.add(SseClient.connectFrom(loopback(2 + i % 6), streamUrl(),
                        Map.of("Authorization", "Bearer " + tokens.get(i))));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (SseClient stream : streams) {
                statuses.merge(stream.response(TIMEOUT).status(), 1, Integer::sum);
            }

            assertThat(statuses).as("statuses of 300 users from 6 addresses, 50 each").isEqualTo(Map.of(200, 300));
        } finally {
            streams.forEach(SseClient::close);
        }
    }

    @Test
    void aFloodFromOneAddressIsLimitedWhileAnotherAddressConnectingMeanwhileIsNot() {
        Client flooding = new Client(loopback(20));
        Client other = new Client(loopback(21));
        Map<Integer, Integer> flood = new TreeMap<>();
        Map<Integer, Integer> meanwhile = new TreeMap<>();

        for (int i = 0; i < FLOOD; i++) {
            flood.merge(flooding.status(streamUrl(), Map.of()), 1, Integer::sum);
            if (i % 10 == 0) {
                meanwhile.merge(other.status(streamUrl(), Map.of()), 1, Integer::sum);
            }
        }

        assertThat(flood).as("the flooding address").containsKeys(401, 429).containsOnlyKeys(401, 429);
        assertThat(meanwhile).as("another address meanwhile").isEqualTo(Map.of(401, FLOOD / 10));
    }

    @Test
    void aSpoofedForwardedForThroughTheProxyNeitherBypassesTheLimitNorFramesTheAddressItNames() {
        InetAddress framed = loopback(31);
        Client spoofing = new Client(loopback(30));
        Map<Integer, Integer> spoofed = new TreeMap<>();

        for (int i = 0; i < FLOOD; i++) {
            spoofed.merge(spoofing.status(streamUrl(), Map.of("X-Forwarded-For", framed.getHostAddress(),
                    "Forwarded", "for=" + framed.getHostAddress())), 1, Integer::sum);
        }

        assertThat(spoofed).as("the spoofing address is limited as itself").containsKeys(401, 429);
        assertThat(new Client(framed).status(streamUrl(), Map.of())).as("the address it named").isEqualTo(401);
    }

    @Test
    void aSpoofedForwardedForSentToAGatewayDirectlyIsIgnored() {
        Client direct = new Client(loopback(40));
        Map<Integer, Integer> statuses = new TreeMap<>();

        for (int i = 0; i < FLOOD; i++) {
            // Another address each time: a gateway that believed the header would never limit this client.
            statuses.merge(direct.status(stack.gatewayA() + "/api/notifications/stream",
                    Map.of("X-Forwarded-For", "198.51.100." + (i % 250 + 1))), 1, Integer::sum);
        }

        assertThat(statuses).as("a client that is no trusted proxy").containsKeys(401, 429);
    }

    private String streamUrl() {
        return stack.origin() + "/api/notifications/stream";
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Plain requests from one local address, over kept-alive connections. */
    private static final class Client {

        private final HttpClient http;

        Client(InetAddress address) {
            // A pool of its own: connections from another local address are no use to this client.
            http = HttpClient.create(ConnectionProvider.create("client-" + address.getHostAddress(), 4))
                    .bindAddress(() -> new InetSocketAddress(address, 0))
                    .responseTimeout(TIMEOUT);
        }

        int status(String url, Map<String, String> headers) {
            Integer status = http.headers(h -> {
                        h.set("Accept", "text/event-stream");
                        headers.forEach(h::set);
                    })
                    .get().uri(url)
                    .responseSingle((response, body) -> body.then().thenReturn(response.status().code()))
                    .block(TIMEOUT);
            assertThat(status).as("an answer from " + url).isNotNull();
            return status;
        }
    }
}
