package com.coaching.notifications.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import com.coaching.notifications.process.KafkaBroker;
import com.coaching.notifications.process.ServiceProcess;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Starts the parts of the system in dependency order once the proxy and the token issuer are up,
 * says what it is doing while it waits, prints where everything is, and stops every process it
 * started, in reverse order, when the stack shuts down (Ctrl-C).
 */
@Component
class LocalStack implements ApplicationRunner, DisposableBean {

    private static final int STEPS = 5;

    private final LocalStackProperties settings;
    private final Path data;
    private final PrintStream out = System.out;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile boolean up;

    private final DemoTraffic demo;

    LocalStack(LocalStackProperties settings, DataFolder data, DemoTraffic demo) {
        this.settings = settings;
        this.data = data.path();
        this.demo = demo;
    }

    boolean isUp() {
        return up;
    }

    @Override
    public void run(ApplicationArguments args) {
        long begin = System.nanoTime();
        Path logs = data.resolve("logs");

        step(1, "PostgreSQL");
        LocalPostgres postgres = track(LocalPostgres.start(settings));
        done(postgres.description());

        step(2, "Kafka broker (KRaft)");
        KafkaBroker broker = new KafkaBroker(settings.projectDir().resolve(KafkaBroker.LIBS).toAbsolutePath().normalize(),
                data.resolve("kafka"), settings.ports().kafka(), settings.ports().kafkaController());
        ServiceProcess kafka = track(broker.start(logs.resolve("kafka.log"), settings.startTimeout()));
        done("127.0.0.1:" + settings.ports().kafka() + ", pid " + kafka.pid());

        step(3, "notification-writer");
        Map<String, String> writerProperties = new LinkedHashMap<>(common());
        writerProperties.put("spring.datasource.url", postgres.jdbcUrl());
        writerProperties.put("spring.datasource.username", postgres.user());
        writerProperties.put("spring.datasource.password", postgres.password());
        ServiceProcess writer = track(startService("notification-writer", settings.ports().writer(), writerProperties, logs));

        step(4, "stream-gateway x2");
        Map<String, String> gatewayProperties = new LinkedHashMap<>(common());
        gatewayProperties.put("notifications.stream.writer-url", "http://127.0.0.1:" + settings.ports().writer());
        // Plain http on 127.0.0.1: a Secure cookie is only sent over https, except by some browsers to localhost.
        gatewayProperties.put("notifications.stream.session-cookie.secure", "false");
        // The proxy in this process reaches the gateways from loopback and names the client in X-Forwarded-For.
        gatewayProperties.put("notifications.stream.limits.trusted-proxies", ClientAddressHeader.PROXY_ADDRESS);
        gatewayProperties.putAll(settings.gatewayProperties());
        ServiceProcess gatewayA = track(startService("stream-gateway", settings.ports().gatewayA(), gatewayProperties, logs));
        ServiceProcess gatewayB = track(startService("stream-gateway", settings.ports().gatewayB(), gatewayProperties, logs));
        awaitReady(writer, settings.ports().writer());
        done("writer on " + settings.ports().writer() + ", pid " + writer.pid());
        awaitReady(gatewayA, settings.ports().gatewayA());
        awaitReady(gatewayB, settings.ports().gatewayB());
        done("gateways on " + settings.ports().gatewayA() + " and " + settings.ports().gatewayB()
                + ", pids " + gatewayA.pid() + " and " + gatewayB.pid());

        step(5, "web page");
        Path page = settings.projectDir().resolve("web/dist/index.html");
        done(Files.exists(page) ? "served from " + page.getParent().toAbsolutePath().normalize()
                : "web/dist is missing (build it with ./mvnw -DskipTests package); the API works without it");

        up = true;
        printWelcome((System.nanoTime() - begin) / 1_000_000);
        if (settings.demo()) {
            track(demo.start(sendCommandTarget()));
        }
    }

    /** The curl line that creates a notification for a demo user through the one origin. */
    String sendCommand(String userId) {
        String origin = settings.origin();
        return "curl -s -X POST " + origin + "/api/notifications"
                + " -H \"Authorization: Bearer $(curl -s -X POST '" + origin + "/dev/token?scope=notifications:write')\""
                + " -H 'Content-Type: application/json'"
                + " -d '{\"user_id\":\"" + userId + "\",\"type\":\"success\",\"title\":\"Hello from curl\",\"message\":\"Sent through the local stack\"}'";
    }

    private String sendCommandTarget() {
        return settings.origin() + "/api/notifications";
    }

    @Override
    public void destroy() {
        up = false;
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                out.println("could not stop " + part + ": " + e.getMessage());
            }
        }
    }

    private ServiceProcess startService(String name, int port, Map<String, String> properties, Path logs) {
        return ServiceProcess.startSpringBoot(name + "-" + port, runnableJar(name), port, properties,
                logs.resolve(name + "-" + port + ".log"), "-Xmx384m", "-XX:TieredStopAtLevel=1");
    }

    private void awaitReady(ServiceProcess service, int port) {
        service.awaitHttpOk("http://127.0.0.1:" + port + "/actuator/health/readiness", settings.startTimeout());
    }

    /** Properties every service gets: the broker, the local issuer, readiness probes. */
    private Map<String, String> common() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", "127.0.0.1:" + settings.ports().kafka());
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TokenIssuer.jwkSetUri(settings));
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", TokenIssuer.issuer(settings));
        properties.put("spring.security.oauth2.resourceserver.jwt.audiences", TokenIssuer.AUDIENCE);
        properties.put("management.endpoint.health.probes.enabled", "true");
        return properties;
    }

    private Path runnableJar(String module) {
        Path target = settings.projectDir().resolve(module).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath().normalize();
            }
        } catch (IOException e) {
            // reported below, with what to do
        }
        throw new IllegalStateException("no runnable jar of " + module + " in " + target
                + "; build first: ./mvnw -DskipTests package");
    }

    private <T extends AutoCloseable> T track(T part) {
        started.push(part);
        return part;
    }

    private void step(int n, String what) {
        out.printf("[%d/%d] starting %s ...%n", n, STEPS, what);
    }

    private void done(String detail) {
        out.println("      ready: " + detail);
    }

    private void printWelcome(long millis) {
        String origin = settings.origin();
        out.println();
        out.printf("Local stack is up in %.1f s. Data and logs: %s%n", millis / 1000.0, data);
        out.println("  Dashboard:  " + origin + "/            (demo users: alice, bob; ?user=bob to switch)");
        out.println("  Stream:     " + origin + "/api/notifications/stream  (gateway replicas on "
                + settings.ports().gatewayA() + " and " + settings.ports().gatewayB() + ", taken in turn)");
        out.println("  Inbox API:  " + origin + "/api/notifications  (writer on " + settings.ports().writer() + ")");
        out.println("  Tokens:     POST " + origin + "/dev/token?user=alice  or  ?scope=notifications:write");
        out.println("  Kafka:      127.0.0.1:" + settings.ports().kafka() + ", topic notifications.events");
        out.println();
        out.println("Send a notification to alice:");
        out.println("  " + sendCommand("alice"));
        out.println("Watch alice's stream:");
        out.println("  curl -N -H \"Authorization: Bearer $(curl -s -X POST '" + origin + "/dev/token?user=alice')\" "
                + origin + "/api/notifications/stream");
        out.println();
        out.println(settings.demo() ? "Demo: a notification for alice or bob every " + settings.demoEvery().toSeconds() + " s."
                : "Add --demo for a steady stream of demo notifications.");
        out.println("Press Ctrl-C to stop everything.");
    }
}
