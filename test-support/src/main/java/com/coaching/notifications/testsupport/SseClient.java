package com.coaching.notifications.testsupport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A real HTTP client for Server-Sent Events streams in tests. Each instance holds one TCP connection
 * of its own (no pooling), so {@link #close()} really closes it, as a browser tab going away would.
 */
public final class SseClient implements AutoCloseable {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() { };

    /** One frame of the stream, as a browser's EventSource would see its fields. */
    public record Frame(String event, String id, String data, Duration retry) {
    }

    /** Status line and headers of the response, and the body when it is not a stream. */
    public record Response(int status, HttpHeaders headers, String body) {
    }

    private final CompletableFuture<Response> response = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final LinkedBlockingQueue<Frame> pending = new LinkedBlockingQueue<>();
    private final List<Frame> received = new ArrayList<>();
    private final Disposable subscription;

    private SseClient(String url, Map<String, String> headers, InetAddress localAddress) {
        HttpClient http = HttpClient.create(ConnectionProvider.newConnection());
        if (localAddress != null) {
            http = http.bindAddress(() -> new InetSocketAddress(localAddress, 0));
        }
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        subscription = client.get().uri(url)
                .headers(h -> headers.forEach(h::set))
                .exchangeToFlux(r -> {
                    int status = r.statusCode().value();
                    if (r.statusCode().is2xxSuccessful()) {
                        response.complete(new Response(status, r.headers().asHttpHeaders(), null));
                        return r.bodyToFlux(SSE);
                    }
                    return r.bodyToMono(String.class).defaultIfEmpty("")
                            .doOnNext(body -> response.complete(new Response(status, r.headers().asHttpHeaders(), body)))
                            .thenMany(Flux.empty());
                })
                .subscribe(
                        e -> pending.add(new Frame(e.event(), e.id(), e.data(), e.retry())),
                        error -> {
                            response.completeExceptionally(error);
                            ended.complete(null);
                        },
                        () -> ended.complete(null));
    }

    /** Opens {@code GET url} with an {@code Authorization: Bearer} header (none when token is null). */
    public static SseClient connect(String url, String bearerToken) {
        return connect(url, bearerToken == null ? Map.of() : Map.of("Authorization", "Bearer " + bearerToken));
    }

    public static SseClient connect(String url, Map<String, String> headers) {
        return new SseClient(url, headers, null);
    }

    /**
     * Opens {@code GET url} from the given local address, such as {@code 127.0.0.2}: on Linux every address
     * of 127.0.0.0/8 is this machine, so one test can be many clients, each with an address of its own.
     */
    public static SseClient connectFrom(InetAddress localAddress, String url, Map<String, String> headers) {
        return new SseClient(url, headers, localAddress);
    }

    /** Waits for the status line and headers (the server sends them with its first frame). */
    public Response response(Duration timeout) {
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no response within " + timeout);
        }
    }

    /** Waits for the next frame that matches; frames that do not match are kept in {@link #received()}. */
    public Frame await(Predicate<Frame> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Frame frame = left <= 0 ? null : poll(Duration.ofNanos(left)).orElse(null);
            if (frame == null) {
                throw new AssertionError("no matching frame within " + timeout + "; received " + received());
            }
            if (matching.test(frame)) {
                return frame;
            }
        }
    }

    /**
     * The next frame, waiting at most {@code timeout}; empty if none came. Frames taken here are kept in
     * {@link #received()} too. Once {@link #ended()} is true, every frame the server sent is already pending.
     */
    public Optional<Frame> poll(Duration timeout) {
        try {
            Frame frame = pending.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (frame != null) {
                synchronized (received) {
                    received.add(frame);
                }
            }
            return Optional.ofNullable(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the next frame named {@code event}. */
    public Frame awaitEvent(String event, Duration timeout) {
        return await(f -> event.equals(f.event()), timeout);
    }

    /** Every frame read so far by {@link #await}, plus those still pending, in arrival order. */
    public List<Frame> received() {
        synchronized (received) {
            List<Frame> all = new ArrayList<>(received);
            all.addAll(pending);
            return all;
        }
    }

    /** Whether the server has ended the stream (or the connection failed). */
    public boolean ended() {
        return ended.isDone();
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
