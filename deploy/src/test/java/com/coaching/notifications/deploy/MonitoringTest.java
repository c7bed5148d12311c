package com.coaching.notifications.deploy;

import static com.coaching.notifications.deploy.ComposeFile.environment;
import static com.coaching.notifications.deploy.ComposeFile.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus, Jaeger and Grafana in compose, provisioned from files of deploy/ (no clicks): Prometheus scrapes
 * every replica of the services where they listen, Grafana mounts the data sources and dashboards it is told
 * to load, and every panel of the dashboards reads a provisioned data source with a query. That the queries
 * name exported metrics is checked against the running services (DashboardMetricsTest in e2e-tests).
 */
class MonitoringTest {

    private static final Path ROOT = ComposeConfig.ROOT;
    private static final Path DASHBOARDS = ROOT.resolve("deploy/grafana/dashboards");

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheActuatorOfEveryServiceReplica() throws IOException {
        Map<String, Object> config = yaml(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            assertThat(job.get("metrics_path")).as(job.get("job_name") + " path").isEqualTo("/actuator/prometheus");
            for (Map<String, Object> group : (List<Map<String, Object>>) job.get("static_configs")) {
                targets.addAll((List<String>) group.get("targets"));
            }
        }
        List<String> services = new ArrayList<>();
        ComposeFile.services().forEach((name, definition) -> {
            if (definition.get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?> args
                    && args.get("MODULE") != null) {
                services.add(name + ":" + args.get("PORT"));
            }
        });
        assertThat(targets).containsExactlyInAnyOrderElementsOf(services);
        assertThat(volumes("prometheus")).contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaLoadsTheDataSourcesAndDashboardsOfDeploy() throws IOException {
        assertThat(volumes("grafana")).contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        Map<String, Object> providers = yaml(ROOT.resolve("deploy/grafana/provisioning/dashboards/dashboards.yml"));
        assertThat((List<Map<String, Object>>) providers.get("providers")).singleElement()
                .satisfies(p -> assertThat(((Map<String, Object>) p.get("options")).get("path"))
                        .isEqualTo("/var/lib/grafana/dashboards"));
        Map<String, Object> sources = yaml(ROOT.resolve("deploy/grafana/provisioning/datasources/datasources.yml"));
        assertThat((List<Map<String, Object>>) sources.get("datasources"))
                .anySatisfy(s -> {
                    assertThat(s).containsEntry("uid", "prometheus").containsEntry("type", "prometheus")
                            .containsEntry("url", "http://prometheus:9090");
                })
                .anySatisfy(s -> assertThat(s).containsEntry("type", "jaeger").containsEntry("url", "http://jaeger:16686"));
        assertThat(environment("grafana").get("GF_SECURITY_ADMIN_PASSWORD")).matches("\\$\\{GRAFANA_ADMIN_PASSWORD:\\?[^}]+}");
    }

    @Test
    void everyPanelOfTheDashboardsQueriesAProvisionedDataSource() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<String> titles = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode dashboard = json.readTree(Files.readString(file));
                assertThat(dashboard.get("uid").asString()).as(file + " uid").isNotBlank();
                for (JsonNode panel : dashboard.get("panels")) {
                    titles.add(panel.get("title").asString());
                    assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString())
                            .isEqualTo("prometheus");
                    assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty()
                            .allSatisfy(t -> assertThat(t.get("expr").asString()).isNotBlank());
                }
            }
        }
        assertThat(titles).as("what an operator of the story looks at").contains("Open streams per replica",
                "Delivery lag p50 / p99", "Events per second, in and out", "Outbox backlog and relay latency",
                "Refused stream requests (429 / 503)", "Event consumer lag per replica");
    }

    /** The services export their spans to Jaeger over OTLP in compose; off elsewhere (the applications' default). */
    @Test
    void theServicesSendTheirSpansToJaegerAndLogJson() {
        for (String name : List.of("notification-writer", "stream-gateway-1", "stream-gateway-2")) {
            assertThat(environment(name)).as(name).containsEntry("OTLP_TRACING_ENABLED", "true")
                    .containsEntry("OTLP_TRACING_ENDPOINT", "http://jaeger:4318/v1/traces")
                    .containsEntry("LOG_FORMAT", "ecs");
        }
        assertThat(service("jaeger")).isNotNull();
    }

    private static List<String> volumes(String name) {
        Object volumes = service(name).get("volumes");
        return volumes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }
}
