package com.coaching.notifications.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Many authenticated SSE connections in one process, on Reactor Netty's few event-loop threads (no
 * thread per connection, so tens of thousands fit). Connections are opened at a steady rate and
 * spread round-robin over several local source addresses (127.0.0.2, 127.0.0.3, ...): each source
 * address has its own ~28,000 ephemeral ports towards the one gateway port.
 *
 * <p>Measures, per process: connect latency (from starting the TCP connect to the {@code connected}
 * frame, what a browser waits), delivery latency of each {@code notification} frame (receipt time
 * minus the event's {@code created_at}; producer and client share this machine's clock), and the
 * seqs of every connection ({@link SeqTracker}).
 */
final class SseLoadClient implements AutoCloseable {

    /** One connection to open: the user it authenticates as. */
    record Target(String userId, String token) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final List<String> streamUrls;
    private final List<HttpClient> clientsBySource = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final LatencyHistogram connectLatency = new LatencyHistogram();
    private final LatencyHistogram deliveryLatency = new LatencyHistogram();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong firstNewDelivered = new AtomicLong();
    private final AtomicLong lastReceiptEpochMicros = new AtomicLong();
    private final int expectedPerConnection;
    private Disposable ramp;

    /** {@code expectedPerConnection}: how many events each connection's user will get, seqs 1..that. */
    SseLoadClient(List<String> streamUrls, List<InetAddress> sources, Duration connectTimeout, int expectedPerConnection) {
        this.streamUrls = List.copyOf(streamUrls);
        this.expectedPerConnection = expectedPerConnection;
        for (InetAddress source : sources) {
            clientsBySource.add(HttpClient.create(ConnectionProvider.newConnection())
                    .bindAddress(() -> new InetSocketAddress(source, 0))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis()));
        }
    }

    /** Starts opening one connection per target at {@code perSecond}; returns at once. */
    synchronized void open(List<Target> targets, double perSecond) {
        for (Target target : targets) {
            connections.add(new Connection(target));
        }
        ramp = Pacer.ticks(targets.size(), perSecond)
                .subscribe(i -> connections.get(i).start(clientsBySource.get(i % clientsBySource.size()),
                        streamUrls.get(i % streamUrls.size())));
    }

    /** Waits until every connection is connected or has failed; false when the timeout came first. */
    boolean awaitSettled(Duration timeout) {
        return await(() -> connected.get() + failed.get() >= connections.size(), timeout);
    }

    /**
     * Waits until every connected connection has all its expected seqs; false when the timeout came
     * first (the tally then says what is missing).
     */
    boolean awaitDelivered(Duration timeout) {
        return await(() -> firstNewDelivered.get() >= (long) expectedPerConnection * connected.get(), timeout);
    }

    int connected() {
        return connected.get();
    }

    int failed() {
        return failed.get();
    }

    Map<String, Integer> failureReasons() {
        Map<String, Integer> reasons = new TreeMap<>();
        failures.forEach((k, v) -> reasons.put(k, v.get()));
        return reasons;
    }

    LatencyHistogram connectLatency() {
        return connectLatency;
    }

    LatencyHistogram deliveryLatency() {
        return deliveryLatency;
    }

    long heartbeats() {
        return heartbeats.get();
    }

    long notifications() {
        return notifications.get();
    }

    long lastReceiptEpochMicros() {
        return lastReceiptEpochMicros.get();
    }

    /** Connections that were connected and then ended by the server or the network before we closed them. */
    int closedByServer() {
        return closedByServer.get();
    }

    /** missing, duplicates, out_of_order, unexpected: summed over the connections that got connected. */
    synchronized long[] seqTally() {
        int expected = expectedPerConnection;
        long[] tally = new long[4];
        for (Connection c : connections) {
            if (c.connectedAt != 0) {
                tally[0] += c.seqs.missing(expected);
                tally[1] += c.seqs.duplicates();
                tally[2] += c.seqs.outOfOrder();
                tally[3] += c.seqs.unexpected();
            }
        }
        return tally;
    }

    @Override
    public synchronized void close() {
        if (ramp != null) {
            ramp.dispose();
        }
        for (Connection c : connections) {
            c.closing = true;
            if (c.subscription != null) {
                c.subscription.dispose();
            }
        }
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void fail(String reason) {
        failed.incrementAndGet();
        failures.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
    }

    /** One stream: its parser, its seqs, and whether and when it got connected. */
    private final class Connection {
        private final Target target;
        private final SeqTracker seqs = new SeqTracker();
        private final SseFrameParser parser = new SseFrameParser(this::onFrame);
        private volatile Disposable subscription;
        private volatile long connectedAt;
        private volatile boolean closing;
        private long startedNanos;
        private boolean settled;

        Connection(Target target) {
            this.target = target;
        }

        void start(HttpClient client, String streamUrl) {
            startedNanos = System.nanoTime();
            subscription = client
                    .headers(h -> h.set("Authorization", "Bearer " + target.token()).set("Accept", "text/event-stream"))
                    .get().uri(streamUrl)
                    .response((response, body) -> {
                        int status = response.status().code();
                        if (status != 200) {
                            settleFailed("status " + status);
                            return Mono.empty();
                        }
                        return body.doOnNext(this::onBytes).then();
                    })
                    .subscribe(null, this::onEnd, () -> onEnd(null));
        }

        private void onBytes(ByteBuf buf) {
            byte[] scratch = SCRATCH.get();
            while (buf.isReadable()) {
                int n = Math.min(scratch.length, buf.readableBytes());
                buf.readBytes(scratch, 0, n);
                parser.feed(scratch, 0, n);
            }
        }

        private void onFrame(SseFrameParser.Frame frame) {
            switch (frame.event()) {
                case "connected" -> {
                    if (connectedAt == 0) {
                        connectedAt = System.nanoTime();
                        connectLatency.recordMicros((connectedAt - startedNanos) / 1000);
                        synchronized (this) {
                            settled = true;
                        }
                        connected.incrementAndGet();
                    }
                }
                case "heartbeat" -> heartbeats.incrementAndGet();
                case "notification" -> onNotification(frame);
                default -> {
                    // state events (read, deleted) are not produced by the scenarios
                }
            }
        }

        private void onNotification(SseFrameParser.Frame frame) {
            Instant now = Instant.now();
            notifications.incrementAndGet();
            lastReceiptEpochMicros.accumulateAndGet(ChronoUnit.MICROS.between(Instant.EPOCH, now), Math::max);
            JsonNode data = JSON.readTree(frame.data());
            Instant createdAt = Instant.parse(data.get("created_at").asString());
            deliveryLatency.recordMicros(ChronoUnit.MICROS.between(createdAt, now));
            long seq = frame.id() == null ? -1 : Long.parseLong(frame.id());
            if (seqs.record(seq, expectedPerConnection)) {
                firstNewDelivered.incrementAndGet();
            }
        }

        private void onEnd(Throwable error) {
            if (connectedAt == 0) {
                settleFailed(error == null ? "ended before connected" : error.getClass().getSimpleName());
            } else if (!closing) {
                closedByServer.incrementAndGet();
            }
        }

        private void settleFailed(String reason) {
            synchronized (this) {
                if (settled) {
                    return;
                }
                settled = true;
            }
            fail(reason);
        }
    }
}
