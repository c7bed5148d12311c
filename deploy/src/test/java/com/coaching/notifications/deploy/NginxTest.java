package com.coaching.notifications.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped nginx configuration, run by a real nginx in front of stub upstreams: what it passes on, to
 * whom, and what it keeps from them.
 */
class NginxTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        keycloak = new UpstreamStub("keycloak");
        nginx = new NginxRun(directory, Map.of("notification-writer", writer, "stream-gateway-1", gateway1,
                "stream-gateway-2", gateway2, "keycloak", keycloak), Map.of("index.html", "<!doctype html><title>page</title>"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
        Stream.of(writer, gateway1, gateway2, keycloak).forEach(UpstreamStub::close);
    }

    @Test
    void eachPathReachesItsUpstreamWithTheClientItSaw() throws Exception {
        assertThat(get("/api/notifications/unread-count").body()).isEqualTo("writer /api/notifications/unread-count");
        assertThat(get("/auth/realms/notifications/.well-known/openid-configuration").body())
                .isEqualTo("keycloak /auth/realms/notifications/.well-known/openid-configuration");
        List<UpstreamStub.Received> atKeycloak = keycloak.received();
        assertThat(atKeycloak.get(atKeycloak.size() - 1).header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(atKeycloak.get(atKeycloak.size() - 1).header("X-Forwarded-Proto")).isEqualTo("http");
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
