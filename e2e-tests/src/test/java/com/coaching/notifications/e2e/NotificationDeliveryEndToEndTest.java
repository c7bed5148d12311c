package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.process.ServiceProcess;
import com.coaching.notifications.testsupport.SseClient;
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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path with nothing faked: a service POSTs to the writer (a separate JVM) with a real
 * service token; the writer commits to a real PostgreSQL and its outbox relay publishes to a real
 * Kafka broker; the gateway (another JVM) reads the topic and pushes the event over SSE to the
 * browser-like client of that user, and to no one else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationDeliveryEndToEndTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Service writer;
    private Service gateway;

    /** A service under test: its process and where it listens. */
    private record Service(ServiceProcess process, String baseUrl) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    @BeforeAll
    void startServices() {
        String kafka = TestKafka.bootstrapServers();
        TestPostgres db = TestPostgres.newDatabase();

        Map<String, String> writerProperties = new HashMap<>(common(kafka));
        writerProperties.put("spring.datasource.url", db.jdbcUrl());
        writerProperties.put("spring.datasource.username", db.username());
        writerProperties.put("spring.datasource.password", db.password());
        writer = start("notification-writer", "writer.jar", writerProperties);
        gateway = start("stream-gateway", "gateway.jar", common(kafka));

        awaitReady(writer);
        awaitReady(gateway);
    }

    @AfterAll
    void stopServices() {
        if (gateway != null) {
            gateway.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void notificationPostedToTheWriterReachesItsUsersStreamWithinOneSecondAndNoOtherUser() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        try (SseClient aliceStream = openStream(alice); SseClient bobStream = openStream(bob)) {
            // The first request through a cold JVM pays for class loading and the producer's first
            // metadata fetch; the one-second target is for a running system.
            String warmUp = create(alice, "Warm-up");
            aliceStream.await(f -> "notification".equals(f.event()) && f.data().contains(warmUp), Duration.ofSeconds(10));

            long start = System.nanoTime();
            String id = create(alice, "Transcription Complete");
            SseClient.Frame frame = aliceStream.await(
                    f -> "notification".equals(f.event()) && f.data().contains(id), Duration.ofSeconds(10));
            Duration latency = Duration.ofNanos(System.nanoTime() - start);

            JsonNode data = JSON.readTree(frame.data());
            assertThat(data.get("title").asString()).isEqualTo("Transcription Complete");
            assertThat(data.get("type").asString()).isEqualTo("success");
            assertThat(data.get("user_id").asString()).isEqualTo(alice);
            assertThat(frame.id()).isEqualTo("2").isEqualTo(data.get("seq").asString());
            assertThat(latency).as("creation to receipt").isLessThan(Duration.ofSeconds(1));

            // Bob's own notification, created after Alice's, is the first one Bob ever sees.
            String bobsOwn = create(bob, "For Bob");
            SseClient.Frame bobsFirst = bobStream.awaitEvent("notification", Duration.ofSeconds(10));
            assertThat(bobsFirst.data()).contains(bobsOwn);
            assertThat(bobStream.received()).noneMatch(f -> f.data() != null
                    && (f.data().contains(id) || f.data().contains(warmUp)));
        }
    }

    private SseClient openStream(String userId) {
        SseClient client = SseClient.connect(gateway.baseUrl() + "/api/notifications/stream", TestTokens.user(userId));
        client.awaitEvent("connected", Duration.ofSeconds(10));
        return client;
    }

    /** Creates a notification through the writer's API as another service would; returns its id. */
    private String create(String userId, String title) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of(
                "user_id", userId, "type", "success", "title", title, "message", "Your audio is ready"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(writer.baseUrl() + "/api/notifications"))
                .header("Authorization", "Bearer " + TestTokens.service("notifications:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asString();
    }

    private static Map<String, String> common(String kafka) {
        return Map.of(
                "spring.kafka.bootstrap-servers", kafka,
                "spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER,
                "spring.security.oauth2.resourceserver.jwt.audiences", TestTokens.AUDIENCE,
                "management.endpoint.health.probes.enabled", "true");
    }

    /** Starts a service from its runnable jar (found through a system property set by the build) on a free port. */
    private static Service start(String name, String jarProperty, Map<String, String> properties) {
        String jar = System.getProperty(jarProperty);
        if (jar == null) {
            throw new IllegalStateException("system property " + jarProperty + " not set; run through ./mvnw verify");
        }
        int port = FreePorts.pick();
        Map<String, String> all = new HashMap<>(properties);
        all.put("server.port", Integer.toString(port));
        Path log = Path.of(System.getProperty("e2e.logs", "target/service-logs"), name + "-" + port + ".log");
        ServiceProcess process = ServiceProcess.start(name,
                ServiceProcess.springBootJar(Path.of(jar), all, "-Xmx384m", "-XX:TieredStopAtLevel=1"), log);
        return new Service(process, "http://127.0.0.1:" + port);
    }

    private static void awaitReady(Service service) {
        service.process().awaitHttpOk(service.baseUrl() + "/actuator/health/readiness", START);
    }

}
