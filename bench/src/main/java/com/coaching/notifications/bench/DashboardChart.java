package com.coaching.notifications.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A provisioned Grafana dashboard drawn in the style of {@link ResultsReport}'s chart: each panel where its
 * {@code gridPos} puts it, each query evaluated by {@link PromQuery} over recorded scrapes, one line per
 * resulting series, labelled by the query's {@code legendFormat}. For a picture where Grafana cannot run.
 */
final class DashboardChart {

    private static final String[] COLORS = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"};
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_]+)\\s*}}");
    private static final int COLUMN = 40;
    private static final int ROW = 34;

    private DashboardChart() {
    }

    static String svg(JsonNode dashboard, List<MetricsRecorder.Snapshot> snapshots, String subtitle) {
        int width = 24 * COLUMN + 40;
        int height = 40;
        for (JsonNode panel : dashboard.get("panels")) {
            JsonNode grid = panel.get("gridPos");
            height = Math.max(height, 60 + (grid.get("y").asInt() + grid.get("h").asInt()) * ROW);
        }
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n<rect width=\"%d\" height=\"%d\""
                + " fill=\"white\"/>%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"28\" font-size=\"16\">%s</text>%n",
                escape(dashboard.get("title").asString())));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" text-anchor=\"end\" fill=\"#555\">%s</text>%n",
                width - 20, escape(subtitle)));
        for (JsonNode panel : dashboard.get("panels")) {
            panel(svg, panel, snapshots);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, JsonNode panel, List<MetricsRecorder.Snapshot> snapshots) {
        JsonNode grid = panel.get("gridPos");
        int left = 20 + grid.get("x").asInt() * COLUMN + 55;
        int top = 50 + grid.get("y").asInt() * ROW + 25;
        int w = grid.get("w").asInt() * COLUMN - 75;
        int h = grid.get("h").asInt() * ROW - 75;
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (JsonNode target : panel.get("targets")) {
            PromQuery query = PromQuery.parse(target.get("expr").asString());
            String legend = target.get("legendFormat").asString();
            Map<String, double[]> byLegend = new TreeMap<>();
            for (int i = 0; i < snapshots.size(); i++) {
                for (Map.Entry<Map<String, String>, Double> result : query.at(snapshots, i).entrySet()) {
                    double[] values = byLegend.computeIfAbsent(legend(legend, result.getKey()), k -> nans(snapshots.size()));
                    values[i] = result.getValue();
                }
            }
            lines.putAll(byLegend);
        }
        double max = 0;
        for (double[] values : lines.values()) {
            for (double v : values) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = max <= 0 ? 1 : max * 1.15;
        double duration = snapshots.isEmpty() ? 1 : Math.max(1, snapshots.get(snapshots.size() - 1).time());
        String unit = panel.get("fieldConfig").get("defaults").get("unit").asString();
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\">%s</text>%n", left - 45, top - 10,
                escape(panel.get("title").asString())));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, top + h, left + w, top + h));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, top, left, top + h));
        for (int t = 0; t <= 4; t++) {
            double y = top + h - h * t / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    left - 5, y + 4, format(max * t / 4, unit)));
        }
        for (int t = 0; t <= 4; t++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f s</text>%n",
                    left + w * t / 4.0, top + h + 16, duration * t / 4));
        }
        int s = 0;
        for (Map.Entry<String, double[]> line : lines.entrySet()) {
            String color = COLORS[s % COLORS.length];
            StringBuilder points = new StringBuilder();
            double[] values = line.getValue();
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i]) || Double.isInfinite(values[i])) {
                    continue;
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + w * snapshots.get(i).time() / duration,
                        top + h - h * values[i] / max));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), color));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    left + 10 + (s % 3) * (w / 3), top + h + 34 + (s / 3) * 14, color, escape(line.getKey())));
            s++;
        }
        if (lines.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#888\" text-anchor=\"middle\">no data</text>%n",
                    left + w / 2, top + h / 2));
        }
    }

    private static String legend(String format, Map<String, String> labels) {
        Matcher m = LEGEND_LABEL.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(labels.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static double[] nans(int size) {
        double[] values = new double[size];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    private static String format(double v, String unit) {
        String number = v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, v >= 1 ? "%.1f" : "%.3f", v);
        return switch (unit) {
            case "s" -> number + " s";
            case "ops", "reqps" -> number + "/s";
            default -> number;
        };
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
