package com.coaching.notifications.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.localstack.ListeningSockets.Listener;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.http.client.HttpClient;

/**
 * The local stack on a machine that others use too: nothing it runs can be reached from another machine, and its
 * token issuer, which mints a valid token for any user, answers only requests that name this machine. A web page
 * from elsewhere whose name resolves to 127.0.0.1 (DNS rebinding) reaches the issuer with its own name in
 * {@code Host}, and any page sends its own {@code Origin} with a cross-site request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoopbackOnlyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private RunningLocalStack stack;
    private final HttpClient http = HttpClient.create().responseTimeout(TIMEOUT);

    @BeforeAll
    void startStack() throws Exception {
        stack = RunningLocalStack.start("loopback-only-it-data");
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyListenerOfTheStackIsBoundToLoopbackOnly() throws Exception {
        List<Listener> listeners = ListeningSockets.heldBy(stack.pids());
        InetAddress ipv4 = InetAddress.getByName("127.0.0.1");
        InetAddress ipv6 = InetAddress.getByName("::1");

        assertThat(listeners).as("the stack's listening sockets").extracting(Listener::port)
                .containsAll(stack.ports().values());
        assertThat(listeners).as("listeners on an address other than 127.0.0.1 or ::1, by port: %s", stack.ports())
                .filteredOn(l -> !l.address().equals(ipv4) && !l.address().equals(ipv6))
                .isEmpty();
    }

    @ParameterizedTest(name = "Host {0}, Origin {1}")
    @CsvSource(nullValues = "none", value = {
            "evil.example,                      none",
            "evil.example:{port},               none",
            "localhost.evil.example:{port},     none",
            "127.0.0.1.evil.example,            none",
            "127.0.0.2:{port},                  none",
            "127.0.0.1:{port},                  http://evil.example",
            "127.0.0.1:{port},                  http://localhost.evil.example:{port}",
            "127.0.0.1:{port},                  null",
            "127.0.0.1:{port},                  file://",
            "127.0.0.1:{port},                  ftp://127.0.0.1",
            "127.0.0.1:{port},                  http://user@127.0.0.1:{port}",
    })
    void aTokenRequestThatNamesAnotherHostOrAForeignOriginIsRefused(String host, String origin) {
        Answer answer = tokenRequest(host, origin);

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"title\":\"Not a request from this machine\"", "\"status\":403")
                .contains(origin == null ? "Host '" + withPort(host) + "'" : "Origin '" + withPort(origin) + "'");
    }

    @ParameterizedTest(name = "Host {0}, Origin {1}")
    @CsvSource(nullValues = "none", value = {
            "127.0.0.1:{port},                  none",
            "127.0.0.1,                         none",
            "localhost:{port},                  none",
            "LocalHost:{port},                  none",
            "[::1]:{port},                      none",
            // The page's own call: same origin.
            "127.0.0.1:{port},                  http://127.0.0.1:{port}",
            // A page served by another local server, such as the web module's development server.
            "127.0.0.1:{port},                  http://localhost:5173",
            "localhost:{port},                  https://[::1]",
    })
    void aTokenRequestFromThisMachineGetsAToken(String host, String origin) {
        Answer answer = tokenRequest(host, origin);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body().split("\\.")).as("a JWT").hasSize(3);
    }

    @ParameterizedTest(name = "user \"{0}\"")
    @CsvSource(value = {".hidden", "-dash", "_under", "alice smith", "''"})
    void aTokenForAUserIdTheServicesRefuseIsNotMinted(String user) {
        // The writer and the gateway refuse such a subject (notifications.user-ids.pattern): a token for it
        // would sign in to a page whose every call fails.
        Answer answer = tokenRequest("127.0.0.1:{port}", null, user);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("starting with a letter or digit");
    }

    private Answer tokenRequest(String host, String origin) {
        return tokenRequest(host, origin, "alice");
    }

    private Answer tokenRequest(String host, String origin, String user) {
        return http.headers(h -> {
                    h.set("Host", withPort(host));
                    if (origin != null) {
                        h.set("Origin", withPort(origin));
                    }
                })
                .post().uri(URI.create(stack.origin() + "/dev/token?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Answer(response.status().code(),
                                response.responseHeaders().get("Content-Type"), text)))
                .block(TIMEOUT);
    }

    private String withPort(String value) {
        return value.replace("{port}", Integer.toString(stack.ports().get("proxy")));
    }

    private record Answer(int status, String contentType, String body) {
    }
}
