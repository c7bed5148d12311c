package com.coaching.notifications.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of one run: {@code <scenario> [--option value ...]}. Every option has a default
 * small enough for a laptop; {@link #describe()} puts them all in the summary, so a figure can always
 * be traced to the exact settings that produced it.
 */
final class BenchOptions {

    /** Connections one worker process holds at most: below the open-file limit (20,000 here) with room for the JVM's own. */
    static final int CONNECTIONS_PER_WORKER = 15_000;
    /**
     * Connections per source address. A client socket bound to a source address before connecting takes
     * a port of the ~28,000 ephemeral ones (32768-60999) whatever the server, and closed connections
     * (the warm-up's, an earlier run's) keep theirs for a minute in TIME_WAIT: 25,000 ran out of ports
     * on a second run at 19,500.
     */
    static final int CONNECTIONS_PER_SOURCE = 10_000;

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("connections", "100");
        DEFAULTS.put("ramp", "500");
        DEFAULTS.put("warm-up", "20");
        DEFAULTS.put("events-per-connection", "3");
        DEFAULTS.put("event-rate", "500");
        DEFAULTS.put("concurrency", "32");
        DEFAULTS.put("posts", "2000");
        DEFAULTS.put("requests", "20000");
        DEFAULTS.put("hold", "30s");
        DEFAULTS.put("baseline", "10s");
        DEFAULTS.put("steps", "0,100,500,1000,2000,5000,10000,20000,40000");
        DEFAULTS.put("step-hold", "15s");
        DEFAULTS.put("workers", "auto");
        DEFAULTS.put("sources", "auto");
        DEFAULTS.put("connect-timeout", "30s");
        DEFAULTS.put("drain", "30s");
        DEFAULTS.put("deadline", "5m");
        DEFAULTS.put("heartbeat", "30s");
        DEFAULTS.put("gateways", "1");
        DEFAULTS.put("gateway-heap", "1g");
        DEFAULTS.put("gateway-jvm", "");
        DEFAULTS.put("writer-heap", "512m");
        DEFAULTS.put("writer-jvm", "");
        DEFAULTS.put("worker-heap", "1g");
        DEFAULTS.put("writer-jar", System.getProperty("bench.writer.jar", ""));
        DEFAULTS.put("gateway-jar", System.getProperty("bench.gateway.jar", ""));
        DEFAULTS.put("project-dir", System.getProperty("bench.project.dir", "."));
        DEFAULTS.put("work-dir", System.getProperty("bench.work.dir", "bench/target/bench-runs"));
    }

    private final String scenario;
    private final Map<String, String> values;
    private final long startedEpochMillis = System.currentTimeMillis();

    private BenchOptions(String scenario, Map<String, String> values) {
        this.scenario = scenario;
        this.values = values;
    }

    static BenchOptions parse(String... args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: <scenario> [--option value ...]; scenarios: "
                    + String.join(", ", Scenario.NAMES) + "; options and defaults: " + DEFAULTS);
        }
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (int i = 1; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (key == null || !DEFAULTS.containsKey(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete option " + args[i] + "; known: " + DEFAULTS.keySet());
            }
            values.put(key, args[i + 1]);
        }
        return new BenchOptions(args[0], values);
    }

    String scenario() {
        return scenario;
    }

    int connections() {
        return Integer.parseInt(values.get("connections"));
    }

    double rampPerSecond() {
        return Double.parseDouble(values.get("ramp"));
    }

    /** Connections each worker opens and closes once, unmeasured, before the measured ones. */
    int warmUp() {
        return Integer.parseInt(values.get("warm-up"));
    }

    int eventsPerConnection() {
        return Integer.parseInt(values.get("events-per-connection"));
    }

    double eventRate() {
        return Double.parseDouble(values.get("event-rate"));
    }

    int concurrency() {
        return Integer.parseInt(values.get("concurrency"));
    }

    int posts() {
        return Integer.parseInt(values.get("posts"));
    }

    /** Requests produced to the request topic in the measured phase of {@code request-topic}. */
    int requests() {
        return Integer.parseInt(values.get("requests"));
    }

    Duration hold() {
        return duration("hold");
    }

    Duration baseline() {
        return duration("baseline");
    }

    /** The offered rates of {@code dropped-events} and how long each is held. */
    RateSteps rateSteps() {
        return RateSteps.parse(values.get("steps"), duration("step-hold"));
    }

    Duration connectTimeout() {
        return duration("connect-timeout");
    }

    Duration drain() {
        return duration("drain");
    }

    Duration heartbeat() {
        return duration("heartbeat");
    }

    /** Gateway replicas; the connections are spread round-robin over them (one holds at most about 19,500 here). */
    int gateways() {
        int n = Integer.parseInt(values.get("gateways"));
        if (n < 1 || n > 16) {
            throw new IllegalArgumentException("--gateways must be 1..16");
        }
        return n;
    }

    String gatewayHeap() {
        return values.get("gateway-heap");
    }

    /** Further JVM flags of every gateway (for example a garbage collector), space-separated; none by default. */
    List<String> gatewayJvmFlags() {
        return flags("gateway-jvm");
    }

    /** Further JVM flags (or {@code -Dname=value} settings) of the writer, space-separated; none by default. */
    List<String> writerJvmFlags() {
        return flags("writer-jvm");
    }

    private List<String> flags(String key) {
        String flags = values.get(key).trim();
        return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
    }

    String writerHeap() {
        return values.get("writer-heap");
    }

    String workerHeap() {
        return values.get("worker-heap");
    }

    Path writerJar() {
        return requiredPath("writer-jar");
    }

    Path gatewayJar() {
        return requiredPath("gateway-jar");
    }

    Path projectDir() {
        return Path.of(values.get("project-dir")).toAbsolutePath().normalize();
    }

    Path workDir() {
        return Path.of(values.get("work-dir")).toAbsolutePath().normalize()
                .resolve(scenario + "-" + connections() + "-" + startedEpochMillis);
    }

    /** When everything this run started must be gone, whatever happened. */
    long deadlineEpochMillis() {
        return startedEpochMillis + duration("deadline").toMillis();
    }

    /** Worker processes for {@code connections}: given, or as few as the open-file limit allows. */
    int workers(int connections) {
        String w = values.get("workers");
        return "auto".equals(w) ? Math.max(1, ceilDiv(connections, CONNECTIONS_PER_WORKER)) : Integer.parseInt(w);
    }

    /** 127.0.0.2, 127.0.0.3, ...: given count, or as few as the ephemeral port range allows. */
    List<String> sourceAddresses(int connections) {
        String s = values.get("sources");
        int count = "auto".equals(s) ? Math.max(1, ceilDiv(connections, CONNECTIONS_PER_SOURCE)) : Integer.parseInt(s);
        if (count < 1 || count > 250) {
            throw new IllegalArgumentException("--sources must be 1..250");
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("127.0.0." + (2 + i));
        }
        return addresses;
    }

    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("scenario", scenario);
        values.forEach((k, v) -> {
            if (!k.endsWith("-jar") && !k.endsWith("-dir")) {
                d.put(k, v);
            }
        });
        d.put("workers_used", workers(connections()));
        d.put("source_addresses", sourceAddresses(connections()));
        return d;
    }

    private Duration duration(String key) {
        String v = values.get(key).trim();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("--" + key + ": use 500ms, 30s, 5m or 1h, not " + v);
        };
    }

    private Path requiredPath(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + key + " not given (bench/run and the build set it)");
        }
        return Path.of(v).toAbsolutePath().normalize();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
