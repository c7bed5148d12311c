package com.coaching.notifications.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * With {@code --demo}: creates a notification for a demo user at a steady rate through the public
 * API, as another service would, so a newcomer sees the bell move.
 */
@Component
class DemoTraffic {

    private static final List<String> USERS = List.of("alice", "bob");
    private static final List<String> TYPES = List.of("info", "success", "warning", "error");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final TokenIssuer issuer;
    private final LocalStackProperties settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong sent = new AtomicLong();

    DemoTraffic(TokenIssuer issuer, LocalStackProperties settings) {
        this.issuer = issuer;
        this.settings = settings;
    }

    /** Starts sending to {@code url}; closing the result stops it. */
    AutoCloseable start(String url) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-traffic");
            t.setDaemon(true);
            return t;
        });
        long every = settings.demoEvery().toMillis();
        timer.scheduleAtFixedRate(() -> sendOne(url), every, every, TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    private void sendOne(String url) {
        long n = sent.incrementAndGet();
        String user = USERS.get((int) (n % USERS.size()));
        String type = TYPES.get((int) (n % TYPES.size()));
        String body = "{\"user_id\":\"" + user + "\",\"type\":\"" + type + "\",\"title\":\"Demo notification #" + n
                + "\",\"message\":\"Sent at " + LocalTime.now().format(CLOCK) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + issuer.sign("local-demo", "notifications:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                System.out.println("demo: the writer answered " + response.statusCode() + ": " + response.body());
            }
        } catch (Exception e) {
            System.out.println("demo: could not reach the writer: " + e.getMessage());
        }
    }
}
