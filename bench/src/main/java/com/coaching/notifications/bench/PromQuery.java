package com.coaching.notifications.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Evaluates the part of PromQL the provisioned dashboards use over recorded scrapes ({@link MetricsRecorder}),
 * so a picture of the dashboard shows what Grafana would compute from the same samples: selectors with label
 * matchers ({@code = != =~ !~}), {@code rate(x[w])}, {@code sum}/{@code max}/{@code min} with {@code by},
 * {@code histogram_quantile} and {@code /} between vectors. Rates are the increase between the first sample
 * in the window and the last, without Prometheus' extrapolation to the window's edges.
 */
final class PromQuery {

    /** Result: value by label set. */
    private interface Node {
        Map<Map<String, String>, Double> at(List<MetricsRecorder.Snapshot> snapshots, int index);
    }

    private final String text;
    private int pos;
    private final Node root;

    private PromQuery(String text) {
        this.text = text;
        this.root = expression();
        skipSpace();
        if (pos != text.length()) {
            throw error("unexpected input");
        }
    }

    static PromQuery parse(String query) {
        return new PromQuery(query);
    }

    Map<Map<String, String>, Double> at(List<MetricsRecorder.Snapshot> snapshots, int index) {
        return root.at(snapshots, index);
    }

    private Node expression() {
        Node left = unary();
        while (peek('/')) {
            pos++;
            Node l = left;
            Node r = unary();
            left = (s, i) -> {
                Map<Map<String, String>, Double> a = l.at(s, i);
                Map<Map<String, String>, Double> b = r.at(s, i);
                Map<Map<String, String>, Double> out = new HashMap<>();
                a.forEach((labels, v) -> {
                    Double d = b.get(labels);
                    if (d != null && d != 0) {
                        out.put(labels, v / d);
                    }
                });
                return out;
            };
        }
        return left;
    }

    private Node unary() {
        skipSpace();
        if (Character.isDigit(text.charAt(pos))) {
            double number = number();
            return (s, i) -> Map.of(Map.of(), number);
        }
        String name = identifier();
        skipSpace();
        switch (name) {
            case "sum", "max", "min" -> {
                List<String> by = null;
                if (text.startsWith("by", pos)) {
                    pos += 2;
                    by = labelList();
                }
                expect('(');
                Node inner = expression();
                expect(')');
                return aggregation(name, by, inner);
            }
            case "rate" -> {
                expect('(');
                Selector selector = selector(identifier());
                expect(')');
                return (s, i) -> rate(selector, s, i);
            }
            case "histogram_quantile" -> {
                expect('(');
                double q = number();
                expect(',');
                Node buckets = expression();
                expect(')');
                return (s, i) -> quantile(q, buckets.at(s, i));
            }
            default -> {
                Selector selector = selector(name);
                return (s, i) -> instant(selector, s.get(i));
            }
        }
    }

    private record Matcher(String label, String op, String value) {
        boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(label, "");
            return switch (op) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> Pattern.matches(value, actual);
                case "!~" -> !Pattern.matches(value, actual);
                default -> throw new IllegalStateException(op);
            };
        }
    }

    private record Selector(String name, List<Matcher> matchers, double rangeSeconds) {
        boolean matches(MetricsRecorder.Series series) {
            return series.name().equals(name) && matchers.stream().allMatch(m -> m.matches(series.labels()));
        }
    }

    private Selector selector(String name) {
        List<Matcher> matchers = new ArrayList<>();
        skipSpace();
        if (peek('{')) {
            pos++;
            while (!peek('}')) {
                String label = identifier();
                skipSpace();
                String op = text.startsWith("!~", pos) || text.startsWith("=~", pos) || text.startsWith("!=", pos)
                        ? text.substring(pos, pos + 2) : "=";
                pos += op.length();
                skipSpace();
                expect('"');
                int end = text.indexOf('"', pos);
                matchers.add(new Matcher(label, op, text.substring(pos, end)));
                pos = end + 1;
                skipSpace();
                if (peek(',')) {
                    pos++;
                }
                skipSpace();
            }
            pos++;
        }
        double range = 0;
        skipSpace();
        if (peek('[')) {
            pos++;
            int end = text.indexOf(']', pos);
            String duration = text.substring(pos, end);
            double unit = switch (duration.charAt(duration.length() - 1)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                default -> throw error("unknown duration " + duration);
            };
            range = Double.parseDouble(duration.substring(0, duration.length() - 1)) * unit;
            pos = end + 1;
        }
        return new Selector(name, matchers, range);
    }

    private static Map<Map<String, String>, Double> instant(Selector selector, MetricsRecorder.Snapshot snapshot) {
        Map<Map<String, String>, Double> out = new HashMap<>();
        snapshot.samples().forEach((series, value) -> {
            if (selector.matches(series)) {
                out.put(series.labels(), value);
            }
        });
        return out;
    }

    private static Map<Map<String, String>, Double> rate(Selector selector, List<MetricsRecorder.Snapshot> s, int i) {
        MetricsRecorder.Snapshot now = s.get(i);
        int first = i;
        while (first > 0 && s.get(first - 1).time() >= now.time() - selector.rangeSeconds()) {
            first--;
        }
        if (first == i) {
            return Map.of();
        }
        Map<Map<String, String>, Double> then = instant(selector, s.get(first));
        double seconds = now.time() - s.get(first).time();
        Map<Map<String, String>, Double> out = new HashMap<>();
        instant(selector, now).forEach((labels, v) -> {
            Double before = then.get(labels);
            if (before != null) {
                out.put(labels, (v >= before ? v - before : v) / seconds);
            }
        });
        return out;
    }

    private static Node aggregation(String op, List<String> by, Node inner) {
        return (s, i) -> {
            Map<Map<String, String>, Double> out = new HashMap<>();
            inner.at(s, i).forEach((labels, v) -> {
                Map<String, String> group = new TreeMap<>();
                if (by != null) {
                    by.forEach(l -> {
                        if (labels.containsKey(l)) {
                            group.put(l, labels.get(l));
                        }
                    });
                }
                out.merge(group, v, switch (op) {
                    case "sum" -> Double::sum;
                    case "max" -> Math::max;
                    default -> Math::min;
                });
            });
            return out;
        };
    }

    /** Prometheus' histogram_quantile: linear within the bucket the rank falls in. */
    private static Map<Map<String, String>, Double> quantile(double q, Map<Map<String, String>, Double> buckets) {
        Map<Map<String, String>, TreeMap<Double, Double>> byGroup = new HashMap<>();
        buckets.forEach((labels, v) -> {
            Map<String, String> group = new TreeMap<>(labels);
            String le = group.remove("le");
            if (le != null) {
                byGroup.computeIfAbsent(group, g -> new TreeMap<>())
                        .put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), v);
            }
        });
        Map<Map<String, String>, Double> out = new HashMap<>();
        byGroup.forEach((group, cumulative) -> {
            double total = cumulative.lastEntry().getValue();
            if (total <= 0) {
                return;
            }
            double rank = q * total;
            double lower = 0;
            double below = 0;
            for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
                if (bucket.getValue() >= rank) {
                    double upper = bucket.getKey();
                    out.put(group, Double.isInfinite(upper) ? lower
                            : lower + (upper - lower) * (rank - below) / Math.max(bucket.getValue() - below, 1e-12));
                    return;
                }
                lower = bucket.getKey();
                below = bucket.getValue();
            }
        });
        return out;
    }

    private List<String> labelList() {
        expect('(');
        List<String> labels = new ArrayList<>();
        while (!peek(')')) {
            labels.add(identifier());
            skipSpace();
            if (peek(',')) {
                pos++;
            }
        }
        pos++;
        return labels;
    }

    private static final Set<Character> IDENTIFIER_PUNCTUATION = Set.of('_', ':');

    private String identifier() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                || IDENTIFIER_PUNCTUATION.contains(text.charAt(pos)))) {
            pos++;
        }
        if (start == pos) {
            throw error("identifier expected");
        }
        return text.substring(start, pos);
    }

    private double number() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        return Double.parseDouble(text.substring(start, pos));
    }

    private boolean peek(char c) {
        skipSpace();
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' expected");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + pos + " of " + text);
    }
}
