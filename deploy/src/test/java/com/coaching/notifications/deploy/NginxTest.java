package com.coaching.notifications.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped nginx configuration, run by a real nginx in front of stub upstreams: what it passes on, to
 * whom, and what it keeps from them.
 */
class NginxTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What Keycloak 26 sends with its own pages, which have inline scripts. */
    private static final long FLOOD = 128L * 1024 * 1024;
    private static final String KEYCLOAK_POLICY = "frame-src 'self'; frame-ancestors 'self'; object-src 'none';";

    @TempDir
    static Path directory;

    static UpstreamStub writer;
    static UpstreamStub gateway1;
    static UpstreamStub gateway2;
    static UpstreamStub keycloak;
    static NginxRun nginx;

    @BeforeAll
    static void start() throws IOException {
        writer = new UpstreamStub("writer");
        gateway1 = new UpstreamStub("gateway-1");
        gateway2 = new UpstreamStub("gateway-2");
        keycloak = new UpstreamStub("keycloak", Map.of("Content-Security-Policy", KEYCLOAK_POLICY, "X-Frame-Options", "SAMEORIGIN"));
        nginx = new NginxRun(directory, Map.of("notification-writer", writer, "stream-gateway-1", gateway1,
                "stream-gateway-2", gateway2, "keycloak", keycloak),
                Map.of("index.html", "<!doctype html><title>page</title>", "assets/index-1.js", "export {};"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        Stream.of(writer, gateway1, gateway2, keycloak).forEach(UpstreamStub::close);
    }

    /** What the client claims in forwarding headers is replaced: Keycloak and the gateways trust nginx's word. */
    @Test
    void eachPathReachesItsUpstreamWithTheClientItSaw() throws Exception {
        assertThat(get("/api/notifications/unread-count").body()).isEqualTo("writer /api/notifications/unread-count");
        HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(URI.create(
                        nginx.origin() + "/auth/realms/notifications/.well-known/openid-configuration"))
                .header("X-Forwarded-For", "10.0.0.1").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "elsewhere.example").header("X-Forwarded-Port", "8443").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.body()).isEqualTo("keycloak /auth/realms/notifications/.well-known/openid-configuration");
        List<UpstreamStub.Received> atKeycloak = keycloak.received();
        assertThat(atKeycloak.get(atKeycloak.size() - 1).header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(atKeycloak.get(atKeycloak.size() - 1).header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(atKeycloak.get(atKeycloak.size() - 1).header("X-Forwarded-Host")).as("X-Forwarded-Host").isNull();
        assertThat(atKeycloak.get(atKeycloak.size() - 1).header("X-Forwarded-Port")).as("X-Forwarded-Port").isNull();
    }

    /** Keycloak's admin console and REST API, and the master realm that signs its administrators in. */
    @ParameterizedTest
    @ValueSource(strings = {"/auth/admin", "/auth/admin/", "/auth/admin/master/console/", "/auth/admin/realms/notifications/users",
            "/auth//admin/", "/auth/realms/notifications/../../admin/", "/auth/realms/notifications/%2e%2e/%2e%2e/admin/",
            "/auth/ADMIN/", "/auth/realms/..;/admin/", "/auth/realms/master", "/auth/realms/master/protocol/openid-connect/token",
            "/auth/realms/notifications/..;/master/"})
    void keycloaksAdministrationIsNotFound(String path) throws Exception {
        assertNotFoundAndNotPassedOn(path);
    }

    /** Actuator endpoints, also by the path tricks that servlet containers resolve to them after nginx has routed. */
    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/health", "/api/../actuator/prometheus", "/api/..;/actuator/health",
            "/api/notifications/..;/..;/actuator/env", "/api/%2e%2e;/actuator/health", "/api/notifications/stream/..;/..;/..;/actuator",
            "/api/notifications%3b/../../actuator", "/api/ACTUATOR/health", "/auth/actuator", "/api/notifications;x=y"})
    void actuatorEndpointsAndPathParametersAreNotFound(String path) throws Exception {
        assertNotFoundAndNotPassedOn(path);
    }

    /** The page, its sign-in configuration, the API and the stream, also on answers nginx makes itself. */
    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/some/route/of/the/page", "/assets/index-1.js", "/auth-config.json",
            "/api/notifications/unread-count", "/actuator/health"})
    void thePageAndTheApiComeWithSecurityHeaders(String path) throws Exception {
        HttpResponse<String> response = get(path);

        List<String> policies = response.headers().allValues("Content-Security-Policy");
        assertThat(policies).as(path + " Content-Security-Policy").hasSize(1);
        Map<String, String> policy = directives(policies.get(0));
        assertThat(policy).as(path + " policy").containsEntry("default-src", "'self'").containsEntry("connect-src", "'self'")
                .containsEntry("frame-ancestors", "'none'").containsEntry("object-src", "'none'");
        assertThat(policy.getOrDefault("script-src", "'self'")).as("scripts from this origin only").isEqualTo("'self'");
        assertThat(policies.get(0)).as("no inline script or style, no eval").doesNotContain("unsafe");
        assertThat(response.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
        assertThat(response.headers().allValues("Referrer-Policy")).as(path).containsExactly("no-referrer");
        assertThat(response.headers().allValues("X-Frame-Options")).as(path).containsExactly("DENY");
    }

    /** Keycloak's sign-in pages have inline scripts: they keep Keycloak's own policy, not the page's on top of it. */
    @Test
    void keycloaksPagesKeepKeycloaksOwnPolicy() throws Exception {
        HttpResponse<String> response = get("/auth/realms/notifications/protocol/openid-connect/auth");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Content-Security-Policy")).containsExactly(KEYCLOAK_POLICY);
        assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
    }

    @Test
    void thePageLearnsItsProviderFromTheOrigin() throws Exception {
        HttpResponse<String> response = get("/auth-config.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode config = JsonMapper.builder().build().readTree(response.body());
        assertThat(config.path("issuer").asString()).as("the issuer the services expect").isEqualTo(composeIssuer());
        assertThat(config.path("clientId").asString()).as("the realm's public client").isEqualTo("notifications-web");
    }

    /** Events must reach the browser as they happen, not when the stream ends. */
    @Test
    void theStreamPassesEachFrameOnAtOnce() throws Exception {
        HttpResponse<Stream<String>> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(nginx.origin() + "/api/notifications/stream")).build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            Iterator<String> frames = lines.iterator();

            String first = CompletableFuture.supplyAsync(frames::next).get(5, TimeUnit.SECONDS);

            assertThat(first).as("the first frame while the gateway still holds the stream open").isEqualTo("event: connected");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        } finally {
            gateway1.releaseStreams();
            gateway2.releaseStreams();
        }
    }

    /**
     * A gateway disconnects a client that cannot keep up (its bounded buffer per connection); it can only see
     * that if nginx does not soak the stream up for the client (with buffering, up to 1 GB in a temp file).
     * What a client that reads nothing holds up is then the sockets' buffers in between: some MB, not 128.
     */
    @Test
    void aClientThatReadsNothingHoldsTheGatewayUp() throws Exception {
        UpstreamStub[] gateways = {gateway1, gateway2};
        long before = gateway1.streamed() + gateway2.streamed();
        HttpResponse<InputStream> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(nginx.origin() + "/api/notifications/stream?flood=" + FLOOD)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream unread = response.body()) {
            AtomicLong previous = new AtomicLong(-1);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                long now = Stream.of(gateways).mapToLong(UpstreamStub::streamed).sum() - before;
                return now > 0 && now == previous.getAndSet(now);
            });

            assertThat(previous.get()).as("bytes the gateway got rid of while the client read nothing").isLessThan(FLOOD / 4);
        }
    }

    @Test
    void thePolicyAllowsWhatThePageLoads() throws IOException {
        String page = Files.readString(ComposeConfig.ROOT.resolve("web/index.html"));

        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("a script of its own file").contains("src=").contains("type=\"module\"");
            assertThat(scripts.group(2)).as("no inline script").isBlank();
        }
        assertThat(count).as("scripts in web/index.html").isPositive();
        assertThat(page).as("no inline style").doesNotContain("<style").doesNotContain("style=");
    }

    private static Map<String, String> directives(String policy) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] parts = directive.strip().split("\\s+", 2);
            if (!parts[0].isEmpty()) {
                directives.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return directives;
    }

    @SuppressWarnings("unchecked")
    private static String composeIssuer() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ComposeConfig.ROOT.resolve("docker-compose.yml")));
        return String.valueOf(((Map<String, Object>) compose.get("x-issuer")).get("JWT_ISSUER_URI"));
    }

    private static void assertNotFoundAndNotPassedOn(String path) throws Exception {
        int before = passedOn();

        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(passedOn()).as(path + " reached no upstream").isEqualTo(before);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(nginx.origin() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int passedOn() {
        return Stream.of(writer, gateway1, gateway2, keycloak).mapToInt(s -> s.received().size()).sum();
    }
}
