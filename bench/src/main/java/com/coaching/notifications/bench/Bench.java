package com.coaching.notifications.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench <scenario> [--option value ...]}: runs one scenario against real processes it starts
 * itself, prints ONE JSON summary on stdout (everything else goes to stderr and log files in the work
 * folder) and exits: 0 when every target check was met, 1 when a check failed, 2 when the run failed
 * or hit its hard deadline. At the deadline everything the run started is stopped and the summary
 * says how far it got.
 */
public final class Bench {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Bench() {
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Map<String, Object> summary;
        try {
            summary = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        stdout.println(JSON.writeValueAsString(summary));
        stdout.flush();
        String status = (String) summary.get("status");
        System.exit("met".equals(status) ? 0 : "not met".equals(status) ? 1 : 2);
    }

    /**
     * Runs a scenario and returns its summary; {@code status} is "met", "not met", "failed" or
     * "deadline exceeded".
     */
    static Map<String, Object> run(String... args) {
        BenchOptions options = BenchOptions.parse(args);
        Scenario scenario = Scenario.named(options.scenario());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", options.scenario());
        summary.put("started_at", Instant.now().toString());
        summary.put("options", options.describe());
        summary.put("machine", machine());
        summary.put("work_dir", options.workDir().toString());
        long start = System.nanoTime();
        AtomicBoolean deadlineHit = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        try (BenchRun run = new BenchRun(options, summary)) {
            deadline(options.deadlineEpochMillis(), run, finished, deadlineHit);
            // Ctrl-C or a kill of this JVM must not leave the broker, the services or the workers behind.
            Thread onExit = new Thread(run::close, "stop-run");
            Runtime.getRuntime().addShutdownHook(onExit);
            try {
                scenario.run(run);
                summary.put("status", run.checks().stream().allMatch(TargetCheck::met) ? "met" : "not met");
            } catch (RuntimeException e) {
                summary.put("status", deadlineHit.get() ? "deadline exceeded" : "failed");
                summary.put("error", e.toString());
                e.printStackTrace();
            } finally {
                // Not an interrupt: a watchdog already stopping processes must finish waiting for them.
                finished.countDown();
                Runtime.getRuntime().removeShutdownHook(onExit);
                summary.put("targets", run.checks().stream().map(TargetCheck::summary).toList());
            }
        }
        summary.put("duration_s", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
        // The machine may be shared: the load while the run went on is part of its result.
        summary.put("load_average_at_end", firstLine(Path.of("/proc/loadavg")));
        return summary;
    }

    /** Stops everything the run started when the hard deadline passes; the scenario then fails at once. */
    private static void deadline(long epochMillis, BenchRun run, CountDownLatch finished, AtomicBoolean hit) {
        Thread t = new Thread(() -> {
            try {
                if (finished.await(Math.max(0, epochMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            hit.set(true);
            System.err.println("hard deadline reached: stopping everything this run started");
            run.close();
        }, "deadline");
        t.setDaemon(true);
        t.start();
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        m.put("memory_total", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        m.put("load_average_at_start", firstLine(Path.of("/proc/loadavg")));
        m.put("other_jvms_at_start", ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).count());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("bench_jvm_arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return m;
    }

    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? null : lines.get(0).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
