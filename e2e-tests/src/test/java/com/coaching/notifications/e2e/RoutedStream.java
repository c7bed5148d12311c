package com.coaching.notifications.e2e;

import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One user's stream kept open the way a browser's EventSource behind a load balancer keeps it, on a thread of its
 * own: it follows a 307 to the replica named, waits out a 503 or 429 for its {@code Retry-After}, reconnects after a
 * stream ends with the {@code retry:} delay and its last event id, and, when its replica is gone, lets the load
 * balancer (the first of the live replicas) take it. It records every notification id it receives, in order.
 */
final class RoutedStream implements AutoCloseable {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_RETRY = Duration.ofMillis(200);
    private static final String STREAM_PATH = "/api/notifications/stream";

    /** A response that opened the stream: the replica and the partition it named. */
    record Served(String replica, String partition) {
    }

    private final String user;
    private final InetAddress address;
    private final Supplier<List<String>> liveReplicas;
    private final List<Long> ids = new ArrayList<>();
    private final List<Served> served = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final AtomicInteger toldToReconnect = new AtomicInteger();
    private final Map<Integer, Integer> answers = new TreeMap<>();
    private String lastFailure = "none";
    private final Thread thread;
    private volatile boolean closed;
    private volatile SseClient current;

    /**
     * @param address      the client's own address in 127.0.0.0/8, as each browser has its own
     * @param liveReplicas base URLs of the replicas running now, as the load balancer knows them
     * @param first        the base URL the load balancer sends the first request to
     */
    RoutedStream(String user, InetAddress address, Supplier<List<String>> liveReplicas, String first) {
        this.user = user;
        this.address = address;
        this.liveReplicas = liveReplicas;
        this.thread = new Thread(() -> run(first + STREAM_PATH), "stream-of-" + user);
        thread.setDaemon(true);
        thread.start();
    }

    String user() {
        return user;
    }

    synchronized List<Long> ids() {
        return List.copyOf(ids);
    }

    synchronized List<Served> served() {
        return List.copyOf(served);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** The replica whose stream is open now, if one is. */
    synchronized Optional<String> replica() {
        return current == null || served.isEmpty() ? Optional.empty()
                : Optional.of(served.get(served.size() - 1).replica());
    }

    synchronized int redirects() {
        return answers.getOrDefault(307, 0);
    }

    /** Streams that their replica ended with a bare {@code retry:} (their partition moved, or it shut down). */
    int toldToReconnect() {
        return toldToReconnect.get();
    }

    /** What this stream did so far, for a failure message. */
    @Override
    public synchronized String toString() {
        return user + ": " + ids.size() + " notifications (last " + lastId().orElse(0L) + "), served " + served
                + ", answers " + answers + ", " + toldToReconnect + " told to reconnect, last failure " + lastFailure
                + ", problems " + problems;
    }

    private void run(String url) {
        while (!closed) {
            Map<String, String> headers = new HashMap<>();
            headers.put("Authorization", "Bearer " + TestTokens.user(user));
            lastId().ifPresent(id -> headers.put("Last-Event-ID", Long.toString(id)));
            Duration wait = DEFAULT_RETRY;
            try (SseClient client = SseClient.connectFrom(address, url, headers)) {
                SseClient.Response response = client.response(RESPONSE_TIMEOUT);
                synchronized (this) {
                    answers.merge(response.status(), 1, Integer::sum);
                }
                switch (response.status()) {
                    case 200 -> {
                        synchronized (this) {
                            served.add(new Served(base(url),
                                    response.headers().getFirst("Notifications-Partition")));
                            current = client;
                        }
                        wait = read(client);
                    }
                    case 307 -> {
                        url = URI.create(url).resolve(response.headers().getFirst("Location")).toString();
                        continue;
                    }
                    case 429, 503 -> wait = Duration.ofSeconds(
                            Long.parseLong(response.headers().getFirst("Retry-After")));
                    default -> problem("answered " + response.status() + " " + response.body());
                }
            } catch (IllegalStateException refused) {
                synchronized (this) {
                    lastFailure = refused.getMessage();
                }
                // The replica is gone (connection refused): the load balancer sends the next request elsewhere.
                List<String> live = liveReplicas.get();
                url = live.get(Math.floorMod(user.hashCode(), live.size())) + STREAM_PATH;
            } catch (AssertionError noAnswer) {
                problem(noAnswer.getMessage() + " from " + url);
            } finally {
                synchronized (this) {
                    current = null;
                }
            }
            pause(wait);
        }
    }

    /** Reads the stream until it ends; returns the reconnection delay its last {@code retry:} asked for. */
    private Duration read(SseClient client) {
        Duration retry = DEFAULT_RETRY;
        while (!closed) {
            // Checked before polling: once the stream has ended, every frame it sent is already pending.
            boolean ended = client.ended();
            Optional<SseClient.Frame> next = client.poll(ended ? Duration.ZERO : Duration.ofMillis(100));
            if (next.isEmpty()) {
                if (ended) {
                    return retry;
                }
                continue;
            }
            SseClient.Frame frame = next.get();
            if (frame.retry() != null) {
                retry = frame.retry();
                if (frame.event() == null && frame.data() == null) {
                    toldToReconnect.incrementAndGet();
                }
            }
            if ("notification".equals(frame.event())) {
                synchronized (this) {
                    ids.add(Long.parseLong(frame.id()));
                }
            }
        }
        return retry;
    }

    private synchronized Optional<Long> lastId() {
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1));
    }

    private synchronized void problem(String problem) {
        problems.add(problem);
    }

    private static String base(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
