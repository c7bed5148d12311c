package com.coaching.notifications.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a folder of run summaries ({@code <scenario>-<N>-<run>.json}, as {@code bench/measure} writes
 * them) into what BENCHMARKS.md quotes: the median over the runs of each scenario at each N, as
 * Markdown tables on stdout, and an SVG chart of delivery latency percentiles (fan-out) and memory per
 * connection (idle hold) against N. Figures are never typed in by hand.
 *
 * <p>Usage: {@code ResultsReport <results-folder> <chart.svg>}
 */
public final class ResultsReport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ResultsReport() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Map<String, Map<Integer, List<JsonNode>>> runs = load(folder);
        StringBuilder md = new StringBuilder();
        table(md, runs, "fan-out", List.of(
                col("replicas", r -> replicas(r)),
                col("ramp /s", r -> num(r, "options.ramp")),
                col("connected", r -> num(r, "connections.connected")),
                col("connect p50 ms", r -> num(r, "connections.connect_latency.p50_ms")),
                col("connect p99 ms", r -> num(r, "connections.connect_latency.p99_ms")),
                col("delivery p50 ms", r -> num(r, "delivery.latency_from_created_at.p50_ms")),
                col("delivery p95 ms", r -> num(r, "delivery.latency_from_created_at.p95_ms")),
                col("delivery p99 ms", r -> num(r, "delivery.latency_from_created_at.p99_ms")),
                col("delivery max ms", r -> num(r, "delivery.latency_from_created_at.max_ms")),
                col("missing", r -> num(r, "delivery.missing")),
                col("duplicates", r -> num(r, "delivery.duplicates"))));
        table(md, runs, "idle-hold", List.of(
                col("replicas", r -> replicas(r)),
                col("connected", r -> num(r, "connections.connected")),
                col("connect p50 ms", r -> num(r, "connections.connect_latency.p50_ms")),
                col("connect p99 ms", r -> num(r, "connections.connect_latency.p99_ms")),
                col("live heap KB/conn", r -> num(r, "gateway.live_heap_per_connection_bytes") / 1024),
                col("RSS KB/conn", r -> num(r, "gateway.rss_per_connection_bytes") / 1024),
                col("RSS MB held", r -> num(r, "gateway.held.rss_mb")),
                col("open files held", r -> num(r, "gateway.held.open_files")),
                col("CPU % baseline", r -> num(r, "gateway.baseline.cpu_percent_of_one_core")),
                col("CPU % held", r -> num(r, "gateway.held.cpu_percent_of_one_core")),
                col("CPU % per 100 conns", r -> num(r, "gateway.cpu_percent_of_one_core_per_100_connections"))));
        table(md, runs, "end-to-end", List.of(
                col("connected", r -> num(r, "connections.connected")),
                col("created", r -> num(r, "created.created")),
                col("POST p99 ms", r -> num(r, "created.request_latency.p99_ms")),
                col("delivery p50 ms", r -> num(r, "delivery.latency_from_created_at.p50_ms")),
                col("delivery p95 ms", r -> num(r, "delivery.latency_from_created_at.p95_ms")),
                col("delivery p99 ms", r -> num(r, "delivery.latency_from_created_at.p99_ms")),
                col("missing", r -> num(r, "delivery.missing")),
                col("duplicates", r -> num(r, "delivery.duplicates"))));
        table(md, runs, "writer-throughput", List.of(
                col("POSTs/s without clients", r -> num(r, "without_clients.posts_per_second")),
                col("acknowledged by Kafka /s", r -> num(r, "without_clients.acknowledged_per_second")),
                col("change to ack p50 ms", r -> num(r, "without_clients.relay.change_to_kafka_ack_p50_ms")),
                col("change to ack p99 ms", r -> num(r, "without_clients.relay.change_to_kafka_ack_p99_ms")),
                col("POST p99 ms without", r -> num(r, "without_clients.request_latency.p99_ms")),
                col("POSTs/s with clients", r -> num(r, "with_clients.posts_per_second")),
                col("POST p99 ms with", r -> num(r, "with_clients.request_latency.p99_ms")),
                col("delivery p99 ms", r -> num(r, "delivery.latency_from_created_at.p99_ms")),
                col("missing", r -> num(r, "delivery.missing"))));
        table(md, runs, "broadcast", List.of(
                col("connected", r -> num(r, "connections.connected")),
                col("last user after ms", r -> num(r, "broadcast.last_user_received_after_ms")),
                col("delivery p50 ms", r -> num(r, "delivery.latency_from_created_at.p50_ms")),
                col("delivery p99 ms", r -> num(r, "delivery.latency_from_created_at.p99_ms")),
                col("missing", r -> num(r, "delivery.missing"))));
        System.out.print(md);
        Files.writeString(Path.of(args[1]), chart(runs));
    }

    private record Column(String title, Function<JsonNode, Double> value) {
    }

    private static Column col(String title, Function<JsonNode, Double> value) {
        return new Column(title, value);
    }

    private static Map<String, Map<Integer, List<JsonNode>>> load(Path folder) throws IOException {
        Map<String, Map<Integer, List<JsonNode>>> runs = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                if (Files.size(f) == 0) {
                    continue;
                }
                JsonNode run = JSON.readTree(f.toFile());
                runs.computeIfAbsent(run.get("scenario").asString(), k -> new TreeMap<>())
                        .computeIfAbsent(run.get("options").get("connections").asInt(), k -> new ArrayList<>()).add(run);
            }
        }
        return runs;
    }

    private static void table(StringBuilder md, Map<String, Map<Integer, List<JsonNode>>> runs, String scenario,
                              List<Column> columns) {
        Map<Integer, List<JsonNode>> byN = runs.getOrDefault(scenario, Map.of());
        md.append("\n### ").append(scenario).append(" (median of the runs at each N)\n\n| N | runs | status |");
        columns.forEach(c -> md.append(' ').append(c.title()).append(" |"));
        md.append("\n|---|---|---|");
        columns.forEach(c -> md.append("---|"));
        md.append('\n');
        byN.forEach((n, list) -> {
            md.append("| ").append(n).append(" | ").append(list.size()).append(" | ")
                    .append(String.join(", ", list.stream().map(r -> r.get("status").asString()).toList())).append(" |");
            columns.forEach(c -> md.append(' ').append(format(median(list, c.value()))).append(" |"));
            md.append('\n');
        });
    }

    private static double median(List<JsonNode> runs, Function<JsonNode, Double> value) {
        double[] v = runs.stream().map(value).filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Gateway replicas of a run (runs from before replicas existed had one, named "gateway"). */
    private static double replicas(JsonNode run) {
        JsonNode gateways = run.get("processes").get("gateways");
        return gateways == null ? 1 : gateways.size();
    }

    private static double num(JsonNode run, String path) {
        JsonNode node = run;
        for (String key : path.split("\\.")) {
            node = node == null ? null : node.get(key);
        }
        return node == null || node.isNull() ? Double.NaN : node.asDouble();
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 100 || v == Math.rint(v) ? "%.0f" : "%.2f", v);
    }

    private static String chart(Map<String, Map<Integer, List<JsonNode>>> runs) {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"400\""
                + " font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"960\" height=\"400\" fill=\"white\"/>\n");
        panel(svg, 60, "Fan-out delivery latency (ms), median of runs", runs.getOrDefault("fan-out", Map.of()),
                List.of(new Series("p50", "#1b9e77", r -> num(r, "delivery.latency_from_created_at.p50_ms")),
                        new Series("p95", "#d95f02", r -> num(r, "delivery.latency_from_created_at.p95_ms")),
                        new Series("p99", "#7570b3", r -> num(r, "delivery.latency_from_created_at.p99_ms"))), 1000,
                "target 1000 ms");
        panel(svg, 540, "Gateway memory per idle connection (KB), median of runs", runs.getOrDefault("idle-hold", Map.of()),
                List.of(new Series("live heap", "#1b9e77", r -> num(r, "gateway.live_heap_per_connection_bytes") / 1024),
                        new Series("RSS", "#d95f02", r -> num(r, "gateway.rss_per_connection_bytes") / 1024)), Double.NaN,
                "target 10240 KB (off scale)");
        return svg.append("</svg>\n").toString();
    }

    private record Series(String name, String color, Function<JsonNode, Double> value) {
    }

    private static void panel(StringBuilder svg, int left, String title, Map<Integer, List<JsonNode>> byN,
                              List<Series> series, double target, String targetLabel) {
        int top = 50;
        int width = 380;
        int height = 280;
        List<Integer> ns = new ArrayList<>(byN.keySet());
        double max = 0;
        for (Series s : series) {
            for (int n : ns) {
                double v = median(byN.get(n), s.value());
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        if (!Double.isNaN(target) && target < max * 1.5) {
            max = Math.max(max, target);
        }
        max = max <= 0 ? 1 : max * 1.1;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"30\" font-size=\"14\">%s</text>%n", left, title));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, top + height, left + width, top + height));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, top, left, top + height));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double y = top + height - height * t / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left - 5, y + 4, format(v)));
        }
        for (int i = 0; i < ns.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">N=%d</text>%n",
                    x(left, width, i, ns.size()), top + height + 18, ns.get(i)));
        }
        if (!Double.isNaN(target) && target <= max) {
            double y = top + height - height * target / max;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"red\" stroke-dasharray=\"4 3\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" fill=\"red\" text-anchor=\"end\">%s</text>%n",
                    left, y, left + width, y, left + width, y - 4, targetLabel));
        } else {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"red\" text-anchor=\"end\">%s</text>%n",
                    left + width, top - 5, targetLabel));
        }
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < ns.size(); i++) {
                double v = median(byN.get(ns.get(i)), ser.value());
                if (Double.isNaN(v)) {
                    continue;
                }
                double x = x(left, width, i, ns.size());
                double y = top + height - height * v / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, ser.color()));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), ser.color()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    left + 10 + s * 80, top + height + 40, ser.color(), ser.name()));
        }
    }

    private static double x(int left, int width, int i, int count) {
        return left + width * (i + 0.5) / Math.max(1, count);
    }
}
