package com.coaching.notifications.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The query subset the dashboard picture needs, computed as Prometheus computes it. */
class PromQueryTest {

    private static final Path ROOT = Path.of(System.getProperty("bench.project.dir", "..")).toAbsolutePath().normalize();

    @Test
    void everyQueryOfTheProvisionedDashboardParses() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build()
                .readTree(Files.readString(ROOT.resolve("deploy/grafana/dashboards/notifications.json")));
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> PromQuery.parse(t.get("expr").asString())));
    }

    @Test
    void rateIsTheIncreaseOverTheWindowPerSecondSummedByTheGivenLabels() {
        List<MetricsRecorder.Snapshot> s = List.of(
                snapshot(0, "sent_total{event_type=\"notification\"} 10\nsent_total{event_type=\"heartbeat\"} 5\n"),
                snapshot(10, "sent_total{event_type=\"notification\"} 30\nsent_total{event_type=\"heartbeat\"} 6\n"));

        assertThat(PromQuery.parse("sum(rate(sent_total{event_type!~\"heartbeat|connected\"}[1m]))").at(s, 1))
                .containsExactly(Map.entry(Map.of(), 2.0));
        assertThat(PromQuery.parse("sum by (event_type) (rate(sent_total[1m]))").at(s, 1))
                .containsEntry(Map.of("event_type", "heartbeat"), 0.1);
    }

    @Test
    void histogramQuantileInterpolatesWithinTheBucketOfTheRank() {
        List<MetricsRecorder.Snapshot> s = List.of(
                snapshot(0, "lag_bucket{le=\"0.1\"} 0\nlag_bucket{le=\"1.0\"} 0\nlag_bucket{le=\"+Inf\"} 0\n"),
                snapshot(10, "lag_bucket{le=\"0.1\"} 50\nlag_bucket{le=\"1.0\"} 100\nlag_bucket{le=\"+Inf\"} 100\n"));

        double p50 = PromQuery.parse("histogram_quantile(0.5, sum by (le) (rate(lag_bucket[5m])))").at(s, 1).get(Map.of());
        double p75 = PromQuery.parse("histogram_quantile(0.75, sum by (le) (rate(lag_bucket[5m])))").at(s, 1).get(Map.of());

        assertThat(p50).isCloseTo(0.1, within(1e-9));
        assertThat(p75).isCloseTo(0.55, within(1e-9));
    }

    private static MetricsRecorder.Snapshot snapshot(double time, String text) {
        Map<MetricsRecorder.Series, Double> samples = new HashMap<>();
        MetricsRecorder.parse(text, "gateway:8082", samples);
        return new MetricsRecorder.Snapshot(time, samples);
    }
}
