package com.coaching.notifications.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's {@code /actuator/prometheus}, read when a figure depends on it: a failed read fails the run. */
final class PrometheusEndpoint {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;

    PrometheusEndpoint(String serviceUrl) {
        this.uri = URI.create(serviceUrl + "/actuator/prometheus");
    }

    /** The endpoint's host and port, as the recorded series name their instance. */
    String authority() {
        return uri.getAuthority();
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    /** The text format, as the service answers it now. */
    String scrape() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
