package com.coaching.notifications.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end load with the services scraped every 2 s, as compose's Prometheus does, and the provisioned
 * Grafana dashboard (deploy/grafana/dashboards/notifications.json) drawn from those scrapes
 * ({@link DashboardChart}) into {@code dashboard.svg} of the run's work folder: a picture of the dashboard
 * where Grafana cannot run.
 */
final class ScenarioDashboard implements Scenario {

    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(2);

    @Override
    public void run(BenchRun run) {
        BenchOptions o = run.options();
        StackUnderTest stack = run.stack(true);
        List<String> services = new ArrayList<>();
        services.add(stack.writerUrl());
        services.addAll(stack.gatewayUrls());
        try (MetricsRecorder recorder = new MetricsRecorder(services, SCRAPE_INTERVAL)) {
            BenchUsers users = run.users(o.connections());
            LoadWorkers workers = run.connect(stack, users, o.eventsPerConnection());
            int total = users.count() * o.eventsPerConnection();
            try (WriterClient writer = new WriterClient(stack.writerUrl(), o.concurrency(), run.tokenLifetime())) {
                WriterClient.Outcome created = writer.create(total, o.eventRate(), o.concurrency(),
                        i -> WriterClient.notification(users.id(i % users.count()), "Dashboard #" + i), run.remaining());
                run.put("created", created.summary());
            }
            run.collect(workers, true);
            Path dashboard = o.projectDir().resolve("deploy/grafana/dashboards/notifications.json");
            Path picture = run.workDir().resolve("dashboard.svg");
            String subtitle = String.format(Locale.ROOT, "%d streams, %d notifications at %.0f/s, %d gateway(s); %s",
                    users.count(), total, o.eventRate(), services.size() - 1, Instant.now().toString().substring(0, 16) + "Z");
            Files.writeString(picture, DashboardChart.svg(JsonMapper.builder().build().readTree(Files.readString(dashboard)),
                    recorder.snapshots(), subtitle));
            run.put("dashboard_svg", picture.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
