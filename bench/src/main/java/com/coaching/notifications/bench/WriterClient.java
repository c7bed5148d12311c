package com.coaching.notifications.bench;

import com.coaching.notifications.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates notifications through the writer's public API as another service would: a service token
 * with scopes {@code notifications:write} and {@code notifications:broadcast} (the broadcast scenario), JSON bodies, a pool of at most {@code concurrency} keep-alive
 * connections. Records each request's latency and every answer that is not a 201.
 */
final class WriterClient implements AutoCloseable {

    /** What a batch of requests did. */
    record Outcome(int sent, int created, Map<String, Integer> failures, double seconds, LatencyHistogram latency) {

        Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("sent", sent);
            s.put("created", created);
            s.put("failures", failures);
            s.put("seconds", Math.round(seconds * 1000) / 1000.0);
            s.put("posts_per_second", Math.round(created / seconds * 10) / 10.0);
            s.put("request_latency", latency.summary());
            return s;
        }
    }

    /** A broadcast endpoint answered (2xx), or was not there (404/405) and nothing was sent. */
    record Broadcast(boolean present, int status) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConnectionProvider pool;
    private final HttpClient http;

    WriterClient(String writerUrl, int concurrency, Duration tokenLifetime) {
        this.pool = ConnectionProvider.builder("writer").maxConnections(concurrency)
                .pendingAcquireMaxCount(-1).build();
        String token = TestTokens.token().subject("bench-service").scopes("notifications:write", "notifications:broadcast")
                .expiresAt(Instant.now().plus(tokenLifetime)).sign();
        this.http = HttpClient.create(pool).baseUrl(writerUrl)
                .headers(h -> h.set("Authorization", "Bearer " + token).set("Content-Type", "application/json"));
    }

    /** The body of a notification for {@code userId}, in the writer's snake_case. */
    static Map<String, Object> notification(String userId, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("type", "info");
        body.put("title", title);
        body.put("message", "Benchmark notification");
        return body;
    }

    /**
     * POSTs {@code count} notifications ({@code bodyOf.apply(i)}), at most {@code concurrency} in flight,
     * paced at {@code perSecond} (0 = as fast as the writer answers); waits at most {@code timeout}.
     */
    Outcome create(int count, double perSecond, int concurrency, IntFunction<Map<String, Object>> bodyOf,
                   Duration timeout) {
        LatencyHistogram latency = new LatencyHistogram();
        AtomicInteger created = new AtomicInteger();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Pacer.ticks(count, perSecond)
                .flatMap(i -> post("/api/notifications", bodyOf.apply(i)).doOnNext(r -> {
                    latency.recordMicros(r.micros());
                    if (r.status() == 201) {
                        created.incrementAndGet();
                    } else {
                        failures.computeIfAbsent("status " + r.status(), k -> new AtomicInteger()).incrementAndGet();
                    }
                }).onErrorResume(e -> {
                    failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                    return Mono.empty();
                }), concurrency)
                .then().block(timeout);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> failed = new TreeMap<>();
        failures.forEach((k, v) -> failed.put(k, v.get()));
        return new Outcome(count, created.get(), failed, seconds, latency);
    }

    /** {@code POST /api/notifications/broadcast} with every user id in one request. */
    Broadcast broadcast(List<String> userIds, String title, Duration timeout) {
        Map<String, Object> body = notification(null, title);
        body.remove("user_id");
        body.put("user_ids", userIds);
        Response r = post("/api/notifications/broadcast", body).block(timeout);
        boolean absent = r.status() == 404 || r.status() == 405;
        if (!absent && (r.status() < 200 || r.status() > 299)) {
            throw new IllegalStateException("broadcast answered " + r.status() + ": " + r.body());
        }
        return new Broadcast(!absent, r.status());
    }

    @Override
    public void close() {
        pool.dispose();
    }

    private record Response(int status, String body, long micros) {
    }

    private Mono<Response> post(String path, Map<String, Object> body) {
        byte[] json = JSON.writeValueAsBytes(body);
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return http.post().uri(path)
                    .send((request, out) -> {
                        request.header("Content-Length", Integer.toString(json.length));
                        return out.sendByteArray(Mono.just(json));
                    })
                    .responseSingle((res, content) -> content.asString().defaultIfEmpty("")
                            .map(text -> new Response(res.status().code(), text, (System.nanoTime() - start) / 1000)));
        });
    }
}
