package com.coaching.notifications.bench;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A worker process: holds its share of the connections (one process may open only {@code ulimit -n}
 * files) and talks to the coordinator in lines of JSON on stdout, commands on stdin:
 * <ol>
 *   <li>opens its connections, then prints {@code {"type":"connected",...}};</li>
 *   <li>waits for {@code collect <drain-ms>} (sent once every event has been produced), waits until
 *   every connection has all its seqs or the drain time is up, prints {@code {"type":"result",...}}
 *   and exits.</li>
 * </ol>
 * It ends itself when the coordinator goes away (end of stdin) or at the hard deadline, so a crashed
 * run never leaves connections open.
 *
 * <p>Before that it opens and closes its first {@code warm-up} connections once, unmeasured: a
 * fresh JVM (this one and the gateway) would otherwise put class loading and JIT into the first
 * connect latencies, which is not what a running system's users wait. Their connect latencies are
 * reported apart. No event is produced before the measured connections are up, so the closed warm-up
 * streams miss nothing.
 *
 * <p>Arguments: stream-urls(comma-separated) targets-file from to sources(comma-separated) ramp-per-second expected
 * connect-timeout-ms deadline-epoch-ms warm-up
 */
public final class LoadWorker {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LoadWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        // Library logging must never reach stdout, the protocol channel.
        System.setOut(System.err);
        List<String> streamUrls = List.of(args[0].split(","));
        Path targetsFile = Path.of(args[1]);
        int from = Integer.parseInt(args[2]);
        int to = Integer.parseInt(args[3]);
        List<InetAddress> sources = new ArrayList<>();
        for (String s : args[4].split(",")) {
            sources.add(InetAddress.getByName(s));
        }
        double rate = Double.parseDouble(args[5]);
        int expected = Integer.parseInt(args[6]);
        Duration connectTimeout = Duration.ofMillis(Long.parseLong(args[7]));
        long deadline = Long.parseLong(args[8]);
        int warmUp = Integer.parseInt(args[9]);
        haltAt(deadline);

        List<SseLoadClient.Target> targets = readTargets(targetsFile, from, to);
        LatencyHistogram warmUpLatency;
        try (SseLoadClient warm = new SseLoadClient(streamUrls, sources, connectTimeout, 0)) {
            warm.open(targets.subList(0, Math.min(warmUp, targets.size())), rate);
            warm.awaitSettled(connectTimeout);
            warmUpLatency = warm.connectLatency();
        }
        try (SseLoadClient client = new SseLoadClient(streamUrls, sources, connectTimeout, expected)) {
            client.open(targets, rate);
            Duration ramp = Duration.ofMillis(rate > 0 ? (long) (targets.size() * 1000 / rate) : 0);
            client.awaitSettled(ramp.plus(connectTimeout));
            // The connections' objects were all young during the ramp: promote them now, before any event
            // is produced, or the first collections of the measured phase copy them and every event then
            // waits for this process (pauses of 90-280 ms were seen at 19,500 connections).
            System.gc();
            Map<String, Object> connected = new LinkedHashMap<>();
            connected.put("type", "connected");
            connected.put("requested", targets.size());
            connected.put("connected", client.connected());
            connected.put("failed", client.failed());
            connected.put("failure_reasons", client.failureReasons());
            connected.put("connect_latency", client.connectLatency().encode());
            connected.put("warm_up_connect_latency", warmUpLatency.encode());
            out.println(JSON.writeValueAsString(connected));

            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command = commands.readLine();
            if (command == null || !command.startsWith("collect ")) {
                System.err.println("coordinator gone or unknown command: " + command);
                System.exit(2);
            }
            client.awaitDelivered(Duration.ofMillis(Long.parseLong(command.substring("collect ".length()).trim())));
            long[] tally = client.seqTally();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("type", "result");
            result.put("notifications", client.notifications());
            result.put("heartbeats", client.heartbeats());
            result.put("missing", tally[0]);
            result.put("duplicates", tally[1]);
            result.put("out_of_order", tally[2]);
            result.put("unexpected", tally[3]);
            result.put("closed_by_server", client.closedByServer());
            result.put("last_receipt_epoch_us", client.lastReceiptEpochMicros());
            result.put("delivery_latency", client.deliveryLatency().encode());
            out.println(JSON.writeValueAsString(result));
        }
        System.exit(0);
    }

    private static List<SseLoadClient.Target> readTargets(Path file, int from, int to) throws IOException {
        List<SseLoadClient.Target> targets = new ArrayList<>(to - from);
        try (var lines = Files.lines(file)) {
            lines.skip(from).limit(to - from).forEach(line -> {
                int tab = line.indexOf('\t');
                targets.add(new SseLoadClient.Target(line.substring(0, tab), line.substring(tab + 1)));
            });
        }
        return targets;
    }

    private static void haltAt(long deadlineEpochMillis) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, deadlineEpochMillis - System.currentTimeMillis()));
                System.err.println("hard deadline reached; exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
