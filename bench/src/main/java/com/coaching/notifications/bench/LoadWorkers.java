package com.coaching.notifications.bench;

import com.coaching.notifications.process.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinator's side of the {@link LoadWorker} processes: splits the users between them, starts
 * them, and adds up what they report. Their stderr goes to a log file each; they are stopped by their
 * own PID when this is closed.
 */
final class LoadWorkers implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What all workers saw while connecting. */
    record Connected(int requested, int connected, int failed, Map<String, Integer> failureReasons,
                     LatencyHistogram connectLatency, LatencyHistogram warmUpConnectLatency) {

        Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("requested", requested);
            s.put("connected", connected);
            s.put("failed", failed);
            s.put("failure_reasons", failureReasons);
            s.put("connect_latency", connectLatency.summary());
            s.put("warm_up_connect_latency_unmeasured", warmUpConnectLatency.summary());
            return s;
        }
    }

    /** What all workers saw after the events were produced. */
    record Delivered(long notifications, long heartbeats, long missing, long duplicates, long outOfOrder,
                     long unexpected, long closedByServer, long lastReceiptEpochMicros, LatencyHistogram latency) {

        Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("received", notifications);
            s.put("missing", missing);
            s.put("duplicates", duplicates);
            s.put("out_of_order", outOfOrder);
            s.put("unexpected", unexpected);
            s.put("closed_by_server", closedByServer);
            s.put("heartbeats", heartbeats);
            s.put("latency_from_created_at", latency.summary());
            return s;
        }
    }

    private record Worker(Process process, BufferedReader output, Writer input) {
    }

    private final List<Worker> workers = new ArrayList<>();
    private Connected connected;

    private LoadWorkers() {
    }

    /**
     * Starts {@code workers} processes that together open one connection per line of {@code targetsFile}
     * at {@code rampPerSecond} in total, each expecting seqs 1..expected; every worker spreads its
     * connections round-robin over {@code streamUrls} (the gateway replicas).
     */
    static LoadWorkers start(BenchOptions options, List<String> streamUrls, Path targetsFile, int targets, int expected,
                             Path logDir) {
        LoadWorkers all = new LoadWorkers();
        int count = Math.max(1, Math.min(options.workers(targets), targets));
        String sources = String.join(",", options.sourceAddresses(targets));
        long deadline = options.deadlineEpochMillis();
        try {
            Files.createDirectories(logDir);
            for (int w = 0; w < count; w++) {
                int from = (int) ((long) targets * w / count);
                int to = (int) ((long) targets * (w + 1) / count);
                List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable(),
                        "-XX:+UseSerialGC", "-Xmx" + options.workerHeap(), "-Xss512k",
                        // A pause of the load side delays receipt too: its log tells a worker's stall from the gateway's.
                        "-Xlog:gc:file=" + logDir.resolve("worker-" + w + "-gc.log"),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", System.getProperty("java.class.path"), LoadWorker.class.getName(),
                        String.join(",", streamUrls), targetsFile.toString(), Integer.toString(from), Integer.toString(to), sources,
                        Double.toString(options.rampPerSecond() / count), Integer.toString(expected),
                        Long.toString(options.connectTimeout().toMillis()), Long.toString(deadline),
                        Integer.toString(options.warmUp())));
                Process p = new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve("worker-" + w + ".log").toFile()))
                        .start();
                all.workers.add(new Worker(p,
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                        new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            all.close();
            throw new UncheckedIOException("cannot start a load worker", e);
        }
        return all;
    }

    List<Long> pids() {
        return workers.stream().map(w -> w.process().pid()).toList();
    }

    /** Waits for every worker to report its connections (they give up by themselves after ramp + connect timeout). */
    Connected awaitConnected() {
        int requested = 0;
        int connected = 0;
        int failed = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        LatencyHistogram latency = new LatencyHistogram();
        LatencyHistogram warmUp = new LatencyHistogram();
        for (JsonNode report : readAll("connected")) {
            requested += report.get("requested").asInt();
            connected += report.get("connected").asInt();
            failed += report.get("failed").asInt();
            report.get("failure_reasons").properties().forEach(e -> reasons.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
            latency.add(LatencyHistogram.decode(report.get("connect_latency").asString()));
            warmUp.add(LatencyHistogram.decode(report.get("warm_up_connect_latency").asString()));
        }
        this.connected = new Connected(requested, connected, failed, reasons, latency, warmUp);
        return this.connected;
    }

    /** The report of {@link #awaitConnected()}. */
    Connected connected() {
        return connected;
    }

    /** Tells the workers that every event has been produced; waits up to {@code drain} for them to arrive. */
    Delivered collect(Duration drain) {
        for (Worker w : workers) {
            try {
                w.input().write("collect " + drain.toMillis() + "\n");
                w.input().flush();
            } catch (IOException e) {
                throw new IllegalStateException("load worker " + w.process().pid() + " is gone", e);
            }
        }
        long[] sums = new long[8];
        LatencyHistogram latency = new LatencyHistogram();
        String[] fields = {"notifications", "heartbeats", "missing", "duplicates", "out_of_order", "unexpected",
                "closed_by_server"};
        for (JsonNode report : readAll("result")) {
            for (int i = 0; i < fields.length; i++) {
                sums[i] += report.get(fields[i]).asLong();
            }
            sums[7] = Math.max(sums[7], report.get("last_receipt_epoch_us").asLong());
            latency.add(LatencyHistogram.decode(report.get("delivery_latency").asString()));
        }
        return new Delivered(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7], latency);
    }

    /** One report line per worker; read in turn, as each worker writes one short line and then waits. */
    private List<JsonNode> readAll(String type) {
        return workers.stream().map(w -> readReport(w, type)).toList();
    }

    private static JsonNode readReport(Worker w, String type) {
        try {
            String line = w.output().readLine();
            if (line == null) {
                throw new IllegalStateException("load worker " + w.process().pid() + " ended without a '" + type
                        + "' report (see its log)");
            }
            JsonNode report = JSON.readTree(line);
            if (!type.equals(report.get("type").asString())) {
                throw new IllegalStateException("load worker sent " + line + ", expected a '" + type + "' report");
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.process().destroy();
        }
        for (Worker w : workers) {
            try {
                if (!w.process().waitFor(10, TimeUnit.SECONDS)) {
                    w.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.process().destroyForcibly();
            }
        }
    }
}
