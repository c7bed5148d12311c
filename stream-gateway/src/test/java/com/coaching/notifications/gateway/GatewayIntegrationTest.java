package com.coaching.notifications.gateway;

import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationStatus;
import com.coaching.notifications.events.NotificationType;
import com.coaching.notifications.events.Topics;
import com.coaching.notifications.gateway.stream.ConnectionRegistry;
import com.coaching.notifications.testsupport.ContractSchemas;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as it runs: the real server on a random port, the real Kafka broker, tokens signed by
 * the test issuer. Subclasses with the same configuration share one application context. Tests read the
 * body of every response they get with WebTestClient ({@code expectBody()}): the network buffers of a body
 * nobody reads stay held until they are garbage-collected, which Netty reports as a leak in the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    protected static final Duration TIMEOUT = Duration.ofSeconds(10);
    protected static final String ALLOWED_ORIGIN = "https://app.notifications.test";

    private static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    protected int port;

    @Autowired
    protected ConnectionRegistry registry;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        properties.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        properties.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestTokens.AUDIENCE);
        properties.add("notifications.stream.heartbeat-interval", () -> "200ms");
        properties.add("notifications.stream.cors.allowed-origins", () -> ALLOWED_ORIGIN);
        properties.add("notifications.stream.writer-url", () -> WriterStub.shared().url());
        properties.add("notifications.stream.writer-timeout", () -> "3s");
    }

    /** With {@code auto.offset.reset=latest}, a record produced before the consumer has its partitions would be missed. */
    @BeforeEach
    void awaitReadiness() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness")).build();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected String streamUrl() {
        return baseUrl() + "/api/notifications/stream";
    }

    protected SseClient connect(String userId) {
        return SseClient.connect(streamUrl(), TestTokens.user(userId));
    }

    /** Connects and waits for the {@code connected} frame, so the connection is registered. */
    protected SseClient connected(String userId) {
        SseClient client = connect(userId);
        client.awaitEvent("connected", TIMEOUT);
        return client;
    }

    protected static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    protected static NotificationCreated notification(String userId, long seq, String title) {
        return new NotificationCreated(UUID.randomUUID(), userId, seq, NotificationType.SUCCESS, title,
                "Your audio is ready", NotificationStatus.UNREAD, Map.of("source", "test"), null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** Publishes the event to the topic exactly as the writer's outbox relay does, and waits for the broker's ack. */
    protected static RecordMetadata publish(NotificationCreated event) {
        byte[] data = EventJson.toBytes(event);
        ContractSchemas.assertValid(NotificationCreated.EVENT_TYPE.dataSchema(), data);
        return publish(event, data);
    }

    protected static RecordMetadata publish(NotificationCreated event, byte[] data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), NotificationCreated.EVENT_TYPE,
                "/notification-writer", Instant.now(), event.userId(), event.seq(), data);
        return send(envelope.toRecord(Topics.EVENTS));
    }

    /** Produces the record as it is, and waits for the broker's ack; returns where the broker put it. */
    protected static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer().send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
                    ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new ByteArraySerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }
}
