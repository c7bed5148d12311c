package com.coaching.notifications.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What idle connections cost the gateway: its CPU, RSS and live heap measured from outside (the OS and
 * jcmd) over a baseline window before any connection, then over {@code hold} with N connections open
 * and only heartbeats flowing. The differences, per connection and per 100 connections, are compared
 * with the story's targets. Baseline and hold are taken in the same run, on the same processes; with
 * several gateway replicas every figure is their sum. Where the memory goes: live heap by class, the
 * JVM's native memory by category when the gateways run with {@code -XX:NativeMemoryTracking=summary}
 * ({@code --gateway-jvm}), and the kernel's slab memory (socket structures).
 */
final class ScenarioIdleHold implements Scenario {

    @Override
    public void run(BenchRun run) {
        BenchOptions o = run.options();
        StackUnderTest stack = run.stack(false);
        BenchUsers users = run.users(o.connections());
        ProcessSampler gateway = new ProcessSampler(stack.gatewayPids());

        Map<String, Long> nativeBefore = gateway.nativeMemoryKb();
        long slabBefore = ProcessSampler.kernelSlabKb();
        ProcessSampler.LiveHeap heapBefore = gateway.liveHeap();
        long liveBefore = heapBefore.bytes();
        Long usedBefore = gateway.heapUsedBytes();
        ProcessSampler.Sample baselineStart = gateway.sample();
        BenchRun.measureFor(o.baseline());
        ProcessSampler.Sample baselineEnd = gateway.sample();
        double cpuBaseline = gateway.cpuPercent(baselineStart, baselineEnd);

        LoadWorkers workers = run.connect(stack, users, 0);
        ProcessSampler.Sample holdStart = gateway.sample();
        BenchRun.measureFor(o.hold());
        ProcessSampler.Sample holdEnd = gateway.sample();
        long slabHeld = ProcessSampler.kernelSlabKb();
        Map<String, Long> nativeHeld = gateway.nativeMemoryKb();
        double cpuHold = gateway.cpuPercent(holdStart, holdEnd);
        ProcessSampler.LiveHeap heapAfter = gateway.liveHeap();
        long liveAfter = heapAfter.bytes();
        Long usedAfter = gateway.heapUsedBytes();
        ProcessSampler.Sample afterGc = gateway.sample();
        LoadWorkers.Delivered held = run.collect(workers, false);

        int n = Math.max(1, workers.connected().connected());
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("replicas", stack.gatewayPids().size());
        g.put("baseline", resources(cpuBaseline, baselineEnd, liveBefore, usedBefore));
        g.put("held", resources(cpuHold, afterGc, liveAfter, usedAfter));
        double livePerConnection = (double) (liveAfter - liveBefore) / n;
        double rssPerConnection = (afterGc.rssKb() - baselineEnd.rssKb()) * 1024.0 / n;
        double cpuPer100 = (cpuHold - cpuBaseline) * 100.0 / n;
        g.put("live_heap_per_connection_bytes", Math.round(livePerConnection));
        g.put("heap_used_per_connection_bytes",
                usedBefore == null || usedAfter == null ? null : Math.round((double) (usedAfter - usedBefore) / n));
        g.put("rss_per_connection_bytes", Math.round(rssPerConnection));
        g.put("live_heap_per_100_connections_mb", round(livePerConnection * 100 / 1048576.0));
        g.put("rss_per_100_connections_mb", round(rssPerConnection * 100 / 1048576.0));
        g.put("cpu_percent_of_one_core_per_100_connections", round(cpuPer100));
        g.put("live_heap_per_connection_top_classes", topGrowth(heapBefore, heapAfter, n));
        g.put("native_memory_per_connection_bytes", perConnection(nativeBefore, nativeHeld, n));
        g.put("kernel_slab_kb", Map.of("baseline", slabBefore, "held", slabHeld,
                "per_connection_bytes_both_ends", Math.round((slabHeld - slabBefore) * 1024.0 / n)));
        g.put("heartbeats_received", held.heartbeats());
        run.put("gateway", g);

        run.check(TargetCheck.atMost("memory per connection (RSS delta)", 10, "MB", rssPerConnection / 1048576.0));
        run.check(TargetCheck.atMost("memory per connection (live heap delta)", 10, "MB", livePerConnection / 1048576.0));
        run.check(TargetCheck.atMost("CPU per 100 connections (of one core)", 1, "%", cpuPer100));
        // The gateway's own, stricter targets: a plain WebFlux SSE endpoint's live heap halved, nginx with the
        // nchan module's RSS for as many connections (116 MB + 12 KB each, per replica), a shared ticker's CPU.
        run.check(TargetCheck.atMost("live heap per idle connection (gateway target)", 8, "KB", livePerConnection / 1024));
        double nchanMb = 116.0 * stack.gatewayPids().size() + 12.0 * n / 1024;
        run.check(TargetCheck.atMost("RSS held, against nginx + nchan for as many connections", nchanMb, "MB",
                afterGc.rssKb() / 1024.0));
        run.check(TargetCheck.atMost("CPU per 100 idle connections (gateway target)", 0.02, "%", cpuPer100));
    }

    /**
     * The classes whose live bytes grew most with the connections, per connection: where the memory of
     * a connection goes, so a regression can be traced to its cause and not only seen.
     */
    private static List<Map<String, Object>> topGrowth(ProcessSampler.LiveHeap before, ProcessSampler.LiveHeap after,
                                                      int connections) {
        return after.byClass().entrySet().stream()
                .map(e -> {
                    long[] was = before.byClass().getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
                })
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(15)
                .map(e -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("class", e.getKey());
                    c.put("instances_per_connection", round((double) e.getValue()[0] / connections));
                    c.put("bytes_per_connection", Math.round((double) e.getValue()[1] / connections));
                    return c;
                })
                .toList();
    }

    /** Growth of each native memory category per connection; null when native memory tracking is off. */
    private static Map<String, Long> perConnection(Map<String, Long> beforeKb, Map<String, Long> afterKb, int connections) {
        if (beforeKb == null || afterKb == null) {
            return null;
        }
        Map<String, Long> growth = new LinkedHashMap<>();
        afterKb.forEach((category, kb) ->
                growth.put(category, Math.round((kb - beforeKb.getOrDefault(category, 0L)) * 1024.0 / connections)));
        return growth;
    }

    private static Map<String, Object> resources(double cpuPercent, ProcessSampler.Sample s, long live, Long used) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("cpu_percent_of_one_core", round(cpuPercent));
        r.put("rss_mb", round(s.rssKb() / 1024.0));
        r.put("live_heap_mb", round(live / 1048576.0));
        r.put("heap_used_after_full_gc_mb", used == null ? null : round(used / 1048576.0));
        r.put("threads", s.threads());
        r.put("open_files", s.openFiles());
        return r;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
