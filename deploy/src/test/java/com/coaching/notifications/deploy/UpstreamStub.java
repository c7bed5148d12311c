package com.coaching.notifications.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for one of nginx's upstreams on 127.0.0.1: records every request that gets through, answers it
 * with its own name and the path it saw, and for the event stream sends a first frame, then holds the
 * stream open until {@link #releaseStreams()}, so a test can see that nginx passes a frame on at once. A
 * stream asked for with {@code ?flood=<bytes>} sends that many bytes of frames as fast as it can be made to
 * take them, counting them ({@link #streamed()}), so a test can see how much a client that reads nothing holds up.
 */
final class UpstreamStub implements AutoCloseable {

    /** A request as the upstream received it. */
    record Received(String method, String rawPath, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> String.join(",", h.getValue())).findFirst().orElse(null);
        }
    }

    private final String name;
    private final Map<String, String> responseHeaders;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch streamsReleased = new CountDownLatch(1);
    private final AtomicLong streamed = new AtomicLong();

    /** An upstream that adds {@code responseHeaders} to each answer, as Keycloak adds its own security headers. */
    UpstreamStub(String name, Map<String, String> responseHeaders) throws IOException {
        this.name = name;
        this.responseHeaders = responseHeaders;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    UpstreamStub(String name) throws IOException {
        this(name, Map.of());
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    long streamed() {
        return streamed.get();
    }

    void releaseStreams() {
        streamsReleased.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        received.add(new Received(exchange.getRequestMethod(), rawPath, Map.copyOf(exchange.getRequestHeaders())));
        responseHeaders.forEach(exchange.getResponseHeaders()::add);
        try (exchange; OutputStream body = exchange.getResponseBody()) {
            String query = exchange.getRequestURI().getRawQuery();
            if (rawPath.equals("/api/notifications/stream") && query != null && query.startsWith("flood=")) {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                flood(body, Long.parseLong(query.substring("flood=".length())));
            } else if (rawPath.equals("/api/notifications/stream")) {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                body.write("event: connected\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
                awaitRelease();
                body.write("event: heartbeat\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
            } else {
                byte[] answer = (name + " " + rawPath).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, answer.length);
                body.write(answer);
            }
        }
    }

    /** Blocks in write once everything between here and the client is full; fails once the client has gone. */
    private void flood(OutputStream body, long bytes) throws IOException {
        byte[] frame = ("data: " + "x".repeat(64 * 1024 - 8) + "\n\n").getBytes(StandardCharsets.UTF_8);
        while (streamed.get() < bytes) {
            body.write(frame);
            streamed.addAndGet(frame.length);
        }
    }

    private void awaitRelease() {
        try {
            streamsReleased.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        releaseStreams();
        server.stop(0);
    }
}
