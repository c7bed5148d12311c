package com.coaching.notifications.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scrape of a service's {@code /actuator/prometheus}, in the text format Prometheus reads: each sample
 * by its series ({@code name{labels}} exactly as printed), and the metric names it holds.
 */
public final class PrometheusScrape {

    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** Scrapes {@code baseUrl + /actuator/prometheus}; fails unless it answers 200. */
    public static PrometheusScrape of(String baseUrl) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("scrape answered " + response.statusCode() + ": " + response.body());
            }
            return new PrometheusScrape(response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot scrape " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The value of one series, e.g. {@code sse_messages_sent_total{event_type="notification"}}; 0 when absent. */
    public double value(String series) {
        return samples.getOrDefault(series, 0.0);
    }

    public boolean has(String series) {
        return samples.containsKey(series);
    }

    /** The names of every series, without labels: {@code sse_delivery_lag_seconds_bucket} and the like. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.keySet().forEach(series -> {
            int brace = series.indexOf('{');
            names.add(brace < 0 ? series : series.substring(0, brace));
        });
        return names;
    }

    public String text() {
        return text;
    }
}
