package com.coaching.notifications.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scrapes {@code /actuator/prometheus} of each service every {@code interval}, as Prometheus would, and keeps
 * every sample with an {@code instance} label ({@code host:port}), for {@link PromQuery} to evaluate later.
 */
final class MetricsRecorder implements AutoCloseable {

    /** One sample: metric name and labels. */
    record Series(String name, Map<String, String> labels) {
    }

    /** Every sample of every service at one moment (seconds since the recorder started). */
    record Snapshot(double time, Map<Series, Double> samples) {
    }

    private final List<String> baseUrls;
    private final Duration interval;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final Thread thread;
    private final long start = System.nanoTime();
    private volatile boolean running = true;

    MetricsRecorder(List<String> baseUrls, Duration interval) {
        this.baseUrls = List.copyOf(baseUrls);
        this.interval = interval;
        this.thread = new Thread(this::record, "metrics-recorder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    synchronized List<Snapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    private void record() {
        while (running) {
            Map<Series, Double> samples = new java.util.HashMap<>();
            for (String url : baseUrls) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    parse(response.body(), URI.create(url).getAuthority(), samples);
                } catch (java.io.IOException e) {
                    // A missed scrape is a gap, as in Prometheus.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            synchronized (this) {
                snapshots.add(new Snapshot((System.nanoTime() - start) / 1e9, samples));
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The text format: {@code name{a="b",c="d"} value}, comments skipped. */
    static void parse(String text, String instance, Map<Series, Double> into) {
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            Map<String, String> labels = new TreeMap<>();
            labels.put("instance", instance);
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            if (brace >= 0) {
                String body = series.substring(brace + 1, series.lastIndexOf('}'));
                int i = 0;
                while (i < body.length()) {
                    int equals = body.indexOf('=', i);
                    String key = body.substring(i, equals).replace(",", "").trim();
                    StringBuilder value = new StringBuilder();
                    int j = equals + 2;
                    while (body.charAt(j) != '"') {
                        if (body.charAt(j) == '\\') {
                            j++;
                        }
                        value.append(body.charAt(j++));
                    }
                    labels.put(key, value.toString());
                    i = j + 1;
                }
            }
            into.put(new Series(name, labels), Double.parseDouble(line.substring(space + 1)));
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
