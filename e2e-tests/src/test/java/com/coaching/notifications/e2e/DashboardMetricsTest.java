package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.testsupport.PrometheusScrape;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every query of the provisioned Grafana dashboards (deploy/grafana/dashboards) names only metrics the running
 * services export: checked against the writer's and a gateway's {@code /actuator/prometheus} after a stream,
 * a notification and a refused stream, so the panels are not empty for a renamed or missing metric.
 */
class DashboardMetricsTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset");
    /** The default cap of streams one user may hold on a replica: one more is refused with 429. */
    private static final int STREAMS_PER_USER = 10;

    @Test
    void everyPanelQueryNamesAMetricTheRunningServicesExport() throws Exception {
        List<String> queries = dashboardQueries();
        assertThat(queries).as("queries of the provisioned dashboards").isNotEmpty();
        try (RunningSystem system = RunningSystem.start(1)) {
            String user = "user-" + UUID.randomUUID();
            List<SseClient> streams = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS_PER_USER; i++) {
                    SseClient stream = SseClient.connect(system.streamUrl(0), TestTokens.user(user));
                    stream.awaitEvent("connected", TIMEOUT);
                    streams.add(stream);
                }
                system.create(user, "On the dashboard");
                streams.get(0).awaitEvent("notification", TIMEOUT);
                try (SseClient refused = SseClient.connect(system.streamUrl(0), TestTokens.user(user))) {
                    assertThat(refused.response(TIMEOUT).status()).isEqualTo(429);
                }

                Set<String> exported = new TreeSet<>(PrometheusScrape.of(system.writer.baseUrl()).names());
                exported.addAll(PrometheusScrape.of(system.gateways.get(0).baseUrl()).names());
                for (String query : queries) {
                    assertThat(exported).as("metrics of " + query).containsAll(metricNames(query));
                }
            } finally {
                streams.forEach(SseClient::close);
            }
        }
    }

    /** The metric names a PromQL query reads: identifiers outside label matchers, ranges and strings, not functions. */
    static Set<String> metricNames(String query) {
        String bare = query.replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            String rest = bare.substring(m.end()).stripLeading();
            if (!rest.startsWith("(") && !PROMQL_WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static List<String> dashboardQueries() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                for (JsonNode panel : json.readTree(Files.readString(file)).get("panels")) {
                    panel.get("targets").forEach(target -> queries.add(target.get("expr").asString()));
                }
            }
        }
        return queries;
    }
}
