package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.Topics;
import com.coaching.notifications.process.ServiceProcess;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestTokens;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A writer is sent SIGTERM, as an orchestrator does, while services keep POSTing to it: it stops
 * taking requests, finishes those in flight, publishes everything it committed and exits by itself
 * in bounded time. Every notification it answered 201 for is on the event topic although nothing
 * restarts it and no other writer runs; every request it did not take was refused (no connection,
 * or 503), never answered 201 and then lost.
 */
class WriterShutdownTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CLIENTS = 8;
    /** 201s before SIGTERM: enough that the load is steady when it comes. */
    private static final int CREATED_BEFORE_TERM = 200;
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
    /** The JVM's exit status after a SIGTERM whose shutdown hooks ran to their end (128 + 15). */
    private static final int TERMINATED = 143;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final String token = TestTokens.service("notifications:write");

    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final AtomicInteger createdAfterTerm = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger closedWithoutAnswer = new AtomicInteger();
    private final AtomicInteger refusedAfterExit = new AtomicInteger();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final AtomicBoolean exited = new AtomicBoolean();
    private final AtomicBoolean stop = new AtomicBoolean();

    @Test
    void sigtermUnderLoadPublishesEveryCreatedNotificationAndRefusesTheRestCleanly() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> users = IntStream.range(0, CLIENTS).mapToObj(i -> "shutdown-" + i + "-" + run).toList();
        OptionalInt exit;
        long shutdownMillis;
        String logTail;
        try (RunningSystem system = RunningSystem.start(0)) {
            ServiceProcess writer = system.writer.process();
            URI endpoint = URI.create(system.writer.baseUrl() + "/api/notifications");
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                users.forEach(user -> clients.submit(() -> postUntilStopped(endpoint, user)));
                await("steady load").atMost(Duration.ofSeconds(60)).until(() -> created.size() >= CREATED_BEFORE_TERM);

                terminated.set(true);
                long term = System.nanoTime();
                writer.terminate();
                exit = writer.waitFor(EXIT_WITHIN);
                shutdownMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - term);
                exited.set(true);
                logTail = writer.logTail(40);
                if (exit.isPresent()) {
                    // Every client has asked once more of a writer that is gone.
                    await("requests after the exit").atMost(Duration.ofSeconds(10))
                            .until(() -> refusedAfterExit.get() >= CLIENTS);
                }
            } finally {
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).as("clients stopped").isTrue();
            }
        }

        Set<String> missing = new HashSet<>(created);
        missing.removeAll(createdEventsOf(Set.copyOf(users)));
        String figures = "%d answered 201 (%d after SIGTERM), %d missing from the topic; refused %d, 503 %d,"
                + " closed without an answer %d; exit %s after %d ms";
        String summary = figures.formatted(created.size(), createdAfterTerm.get(), missing.size(), refused.get(),
                unavailable.get(), closedWithoutAnswer.get(), exit, shutdownMillis);
        System.out.println("Writer shutdown under load: " + summary);

        assertThat(exit).as("the writer exits by itself within %s after SIGTERM, normally; %s; log:%n%s",
                EXIT_WITHIN, summary, logTail).hasValue(TERMINATED);
        assertThat(unexpected).as("answers other than 201, 503 or no connection; %s", summary).isEmpty();
        assertThat(missing).as("notifications answered 201 but never published; %s", summary).isEmpty();
    }

    private void postUntilStopped(URI endpoint, String user) {
        int n = 0;
        while (!stop.get()) {
            boolean afterExit = exited.get();
            Outcome outcome = post(endpoint, user, "n" + n++);
            if (outcome == Outcome.REFUSED && afterExit) {
                refusedAfterExit.incrementAndGet();
            }
            if (outcome != Outcome.CREATED) {
                // As a retrying service backs off from a writer that is going away.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private enum Outcome { CREATED, REFUSED, OTHER }

    private Outcome post(URI endpoint, String user, String title) {
        boolean afterTerm = terminated.get();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "user_id", user, "type", "info", "title", title, "message", "Shutdown under load"))))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                created.add(JSON.readTree(response.body()).get("id").asString());
                if (afterTerm) {
                    createdAfterTerm.incrementAndGet();
                }
                return Outcome.CREATED;
            }
            if (response.statusCode() == 503 && afterTerm) {
                unavailable.incrementAndGet();
            } else {
                unexpected.add(response.statusCode() + " " + response.body());
            }
        } catch (ConnectException e) {
            if (!afterTerm) {
                unexpected.add("connection refused before SIGTERM: " + e);
            }
            refused.incrementAndGet();
            return Outcome.REFUSED;
        } catch (IOException e) {
            // A keep-alive connection the stopping server closed: the request was not answered, so
            // no caller took it for stored.
            if (afterTerm) {
                closedWithoutAnswer.incrementAndGet();
            } else {
                unexpected.add("no answer before SIGTERM: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
        }
        return Outcome.OTHER;
    }

    /** Ids of the notification.created events of these users on the event topic, read from its beginning. */
    private static Set<String> createdEventsOf(Set<String> users) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.EVENTS).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s up to %s", Topics.EVENTS, end).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    if (users.contains(record.key()) && type != null && EventType.NOTIFICATION_CREATED.ceType()
                            .equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        ids.add(JSON.readTree(record.value()).get("id").asString());
                    }
                }
            }
        }
        return ids;
    }
}
