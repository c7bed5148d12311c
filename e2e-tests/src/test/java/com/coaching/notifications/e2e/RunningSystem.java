package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.process.ServiceProcess;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The system as it runs in production, minus the load balancer: the writer and N gateway replicas,
 * each a JVM of its own started from its runnable jar, on the in-JVM Kafka broker and an embedded
 * PostgreSQL, trusting real RS256 tokens.
 */
final class RunningSystem implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A service of the system: its process and where it listens. */
    record Service(ServiceProcess process, String baseUrl) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    final Service writer;
    final List<Service> gateways = new ArrayList<>();
    private final Map<String, String> gatewayProperties = new HashMap<>();

    private RunningSystem(Service writer) {
        this.writer = writer;
    }

    static RunningSystem start(int gatewayReplicas) {
        return start(gatewayReplicas, Map.of());
    }

    /** With {@code writerSettings} on the writer's command line, over the defaults. */
    static RunningSystem start(int gatewayReplicas, Map<String, String> writerSettings) {
        return start(gatewayReplicas, writerSettings, Map.of());
    }

    /** With {@code writerSettings} and {@code gatewaySettings} on the writer's and every gateway's command line. */
    static RunningSystem start(int gatewayReplicas, Map<String, String> writerSettings,
            Map<String, String> gatewaySettings) {
        return start(gatewayReplicas, TestKafka.bootstrapServers(), writerSettings, gatewaySettings, false, true);
    }

    /**
     * On a broker that checks ACLs, at {@code kafka}, with {@code writerSettings} and {@code gatewaySettings}
     * on the command lines of the writer and of every gateway, over the defaults. The gateways start once
     * the writer is ready, as compose orders them: the writer creates the topics, and a gateway, which may
     * not create one, finds its topic there instead of waiting out its retries of a refusal.
     */
    static RunningSystem startOnSecuredBroker(int gatewayReplicas, String kafka, Map<String, String> writerSettings,
            Map<String, String> gatewaySettings) {
        return start(gatewayReplicas, kafka, writerSettings, gatewaySettings, true, true);
    }

    /** As {@link #startOnSecuredBroker}, but without waiting for the gateways to be ready: see {@link #awaitGatewaysReady()}. */
    static RunningSystem startOnSecuredBrokerUnready(int gatewayReplicas, String kafka, Map<String, String> writerSettings,
            Map<String, String> gatewaySettings) {
        return start(gatewayReplicas, kafka, writerSettings, gatewaySettings, true, false);
    }

    void awaitGatewaysReady() {
        gateways.forEach(RunningSystem::awaitReady);
    }

    private static RunningSystem start(int gatewayReplicas, String kafka, Map<String, String> writerSettings,
            Map<String, String> gatewaySettings, boolean writerFirst, boolean awaitGateways) {
        TestPostgres db = TestPostgres.newDatabase();
        Map<String, String> writerProperties = new HashMap<>(common(kafka));
        writerProperties.putAll(writerSettings);
        writerProperties.put("spring.datasource.url", db.jdbcUrl());
        writerProperties.put("spring.datasource.username", db.username());
        writerProperties.put("spring.datasource.password", db.password());
        RunningSystem system = new RunningSystem(
                start("notification-writer", "writer.jar", FreePorts.pick(), writerProperties));
        try {
            if (writerFirst) {
                awaitReady(system.writer);
            }
            system.gatewayProperties.putAll(common(kafka));
            system.gatewayProperties.put("notifications.stream.writer-url", system.writer.baseUrl());
            system.gatewayProperties.putAll(gatewaySettings);
            for (int i = 0; i < gatewayReplicas; i++) {
                system.startGateway();
            }
            awaitReady(system.writer);
            if (awaitGateways) {
                system.awaitGatewaysReady();
            }
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    /** One more gateway replica, with the settings of the others; returned once it is ready. */
    Service addGateway() {
        Service gateway = startGateway();
        awaitReady(gateway);
        return gateway;
    }

    private Service startGateway() {
        int port = FreePorts.pick();
        Map<String, String> properties = new HashMap<>(gatewayProperties);
        // Only partition-affine mode uses it: where the other replicas redirect this one's streams.
        properties.put("notifications.stream.routing.advertised-url", baseUrl(port));
        Service gateway = start("stream-gateway", "gateway.jar", port, properties);
        gateways.add(gateway);
        return gateway;
    }

    String streamUrl(int replica) {
        return gateways.get(replica).baseUrl() + "/api/notifications/stream";
    }

    /** Creates a notification through the writer's API as another service would; returns its id. */
    String create(String userId, String title) {
        return create(JSON.writeValueAsString(Map.of(
                "user_id", userId, "type", "success", "title", title, "message", "Your audio is ready")));
    }

    /** Creates the notification in {@code body} (a {@code POST /api/notifications} body); returns its id. */
    String create(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(writer.baseUrl() + "/api/notifications"))
                .header("Authorization", "Bearer " + TestTokens.service("notifications:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return JSON.readTree(response.body()).get("id").asString();
        } catch (IOException e) {
            throw new AssertionError("the writer did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        gateways.forEach(Service::close);
        writer.close();
    }

    private static Map<String, String> common(String kafka) {
        return Map.of(
                "spring.kafka.bootstrap-servers", kafka,
                "spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER,
                "spring.security.oauth2.resourceserver.jwt.audiences", TestTokens.AUDIENCE,
                "management.endpoint.health.probes.enabled", "true");
    }

    private static Service start(String name, String jarProperty, int port, Map<String, String> properties) {
        String jar = System.getProperty(jarProperty);
        if (jar == null) {
            throw new IllegalStateException("system property " + jarProperty + " not set; run through ./mvnw verify");
        }
        Path log = Path.of(System.getProperty("e2e.logs", "target/service-logs"), name + "-" + port + ".log");
        ServiceProcess process = ServiceProcess.startSpringBoot(name, Path.of(jar), port, properties, log,
                "-Xmx384m", "-XX:TieredStopAtLevel=1");
        return new Service(process, baseUrl(port));
    }

    private static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static void awaitReady(Service service) {
        service.process().awaitHttpOk(service.baseUrl() + "/actuator/health/readiness", START);
    }
}
