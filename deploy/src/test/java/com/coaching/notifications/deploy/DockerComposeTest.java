package com.coaching.notifications.deploy;

import static com.coaching.notifications.deploy.ComposeFile.environment;
import static com.coaching.notifications.deploy.ComposeFile.service;
import static com.coaching.notifications.deploy.ComposeFile.services;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No Docker engine runs where these tests run, so the compose file is checked the other ways it can
 * go wrong (that docker-compose accepts it: {@link SecretsTest}): every setting it gives a service must be one that service
 * reads, every port must be the one the service listens on, and the proxy and the token issuer must
 * agree with the services about names, ports, issuer and audience.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([^}]*))?}");
    /** A variable compose refuses to start without: {@code ${NAME:?message}}. */
    private static final String REQUIRED_VARIABLE = "\\$\\{[A-Z0-9_]+:\\?[^}]+}";
    private static final String ACL_INIT = "kafka-acls";

    /** Every client listener of the broker authenticates, and what no ACL grants is denied to all but the admin. */
    @Test
    void theBrokerAuthenticatesEveryClientAndDeniesWhatNoAclGrants() {
        Map<String, String> kafka = environment("kafka");
        assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                .as("every listener speaks SASL").allMatch(mapping -> mapping.endsWith(":SASL_PLAINTEXT"));
        assertThat(kafka.get("KAFKA_SASL_ENABLED_MECHANISMS")).contains("SCRAM-SHA-512");
        assertThat(kafka).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_SUPER_USERS", "User:admin")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
        assertThat(kafka.get("BROKER_ADMIN_PASSWORD")).matches(REQUIRED_VARIABLE);
    }

    /**
     * The grants of deploy/kafka/acls.txt (and the principals' SCRAM credentials) are applied once the
     * broker is healthy and before any service starts, so no service ever runs on a broker without them.
     */
    @Test
    void theAclsOfTheRepositoryAreAppliedBeforeAnyServiceStarts() {
        Map<String, Object> init = service(ACL_INIT);
        assertThat(String.valueOf(init.get("entrypoint"))).contains("/opt/kafka-deploy/apply-acls.sh");
        assertThat(list(init.get("volumes"))).map(String::valueOf).contains("./deploy/kafka:/opt/kafka-deploy:ro");
        assertThat(dependsOn(ACL_INIT)).containsEntry("kafka", "service_healthy");
        for (String service : builtServices().keySet()) {
            assertThat(dependsOn(service)).as(service).containsEntry(ACL_INIT, "service_completed_successfully");
        }
        Set<String> principals = new AclPrincipals(ROOT.resolve("deploy/kafka/acls.txt")).names();
        Map<String, String> initEnvironment = environment(ACL_INIT);
        for (String principal : principals) {
            assertThat(initEnvironment.get(AclPrincipals.passwordVariable(principal))).as("password of " + principal)
                    .isEqualTo("${" + AclPrincipals.passwordVariable(principal) + ":?" + AclPrincipals.passwordVariable(principal)
                            + " is not set - copy deploy/.env.example to .env and fill it in}");
        }
    }

    /**
     * The script that compose runs turns every line of acls.txt into exactly one {@code kafka-acls.sh --add}
     * and every principal into one SCRAM credential with its own password, all as the admin; it is run here
     * on stand-ins for Kafka's two tools that write down their arguments (no broker runs in this module:
     * KafkaAclsTest in e2e-tests applies the same file to a real one).
     */
    @Test
    void theAclScriptGrantsEachLineOfTheFileAndCreatesEachPrincipal() throws Exception {
        Path bin = kafkaToolStandIns();
        Path calls = bin.resolve("calls");
        AclPrincipals acls = new AclPrincipals(ROOT.resolve("deploy/kafka/acls.txt"));
        ProcessBuilder script = new ProcessBuilder("bash", ROOT.resolve("deploy/kafka/apply-acls.sh").toString())
                .redirectErrorStream(true);
        script.environment().put("KAFKA_BIN", bin.toString());
        script.environment().put("BOOTSTRAP_SERVERS", "kafka:9092");
        script.environment().put("ADMIN_PASSWORD", "admin-secret");
        acls.names().forEach(p -> script.environment().put(AclPrincipals.passwordVariable(p), p + "-secret"));
        Process run = script.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(output).isZero();

        List<String> made = Files.readAllLines(calls);
        List<String> expected = new ArrayList<>();
        for (String principal : acls.names()) {
            expected.add("kafka-configs.sh --bootstrap-server kafka:9092 --command-config CONFIG --alter --entity-type users --entity-name "
                    + principal + " --add-config SCRAM-SHA-512=[password=" + principal + "-secret]");
        }
        for (List<String> g : acls.grants()) {
            expected.add("kafka-acls.sh --bootstrap-server kafka:9092 --command-config CONFIG --add --allow-principal User:"
                    + g.get(0) + " --operation " + g.get(1) + " --resource-pattern-type " + g.get(3) + " --"
                    + g.get(2).toLowerCase(Locale.ROOT) + " " + g.get(4));
        }
        assertThat(made).as("the tools' command lines").map(l -> l.replaceAll("--command-config \\S+", "--command-config CONFIG"))
                .containsExactlyElementsOf(expected);
        assertThat(output).doesNotContain("admin-secret");
    }

    /** Without a principal's password the script stops before changing anything, and names the variable. */
    @Test
    void theAclScriptStopsWithoutAPrincipalsPassword() throws Exception {
        Path bin = kafkaToolStandIns();
        Path calls = bin.resolve("calls");
        ProcessBuilder script = new ProcessBuilder("bash", ROOT.resolve("deploy/kafka/apply-acls.sh").toString())
                .redirectErrorStream(true);
        script.environment().keySet().removeIf(k -> k.startsWith("KAFKA_"));
        script.environment().put("KAFKA_BIN", bin.toString());
        script.environment().put("BOOTSTRAP_SERVERS", "kafka:9092");
        script.environment().put("ADMIN_PASSWORD", "admin-secret");
        Process run = script.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(output).isNotZero();
        assertThat(output).containsPattern("KAFKA_[A-Z_]+_PASSWORD");
        assertThat(calls).doesNotExist();
    }

    /**
     * Each service logs in to Kafka as its own principal of acls.txt, with the password the ACL init
     * gives that principal, from the environment; the service reads all three settings.
     */
    @Test
    void everyServiceLogsInToKafkaAsItsOwnPrincipalWithItsPasswordFromTheEnvironment() throws IOException {
        Map<String, String> principalOf = Map.of("notification-writer", "writer",
                "stream-gateway-1", "gateway", "stream-gateway-2", "gateway");
        Set<String> principals = new AclPrincipals(ROOT.resolve("deploy/kafka/acls.txt")).names();
        for (Map.Entry<String, String> service : builtServices().entrySet()) {
            Map<String, String> env = environment(service.getKey());
            String principal = principalOf.get(service.getKey());
            assertThat(env).as(service.getKey()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("KAFKA_USERNAME", principal)
                    .containsEntry("KAFKA_PASSWORD", environment(ACL_INIT).get(AclPrincipals.passwordVariable(principal)));
            assertThat(principals).contains(principal);
            assertThat(applicationYaml(service.getValue())).as(service.getKey() + " logs in with SCRAM from the three")
                    .contains("protocol: ${KAFKA_SECURITY_PROTOCOL:PLAINTEXT}")
                    .contains("ScramLoginModule required username=\"${KAFKA_USERNAME:}\" password=\"${KAFKA_PASSWORD:}\";");
        }
    }

    @Test
    void everyEnvironmentVariableOfAServiceIsASettingThatServiceReads() throws IOException {
        for (Map.Entry<String, String> service : builtServices().entrySet()) {
            Set<String> readable = placeholders(applicationYaml(service.getValue())).keySet();
            Set<String> given = environment(service.getKey()).keySet();

            assertThat(readable).as(service.getKey() + " reads the settings compose gives it").containsAll(given);
        }
    }

    /**
     * As compose resolves the file (anchors, merges, the example env file): nginx is the one way in from other
     * machines; Grafana is published on this machine's loopback address only, for its operator.
     */
    @Test
    @SuppressWarnings("unchecked")
    void onlyNginxPublishesAPortToOtherMachines() {
        ComposeConfig config = ComposeConfig.withEnvFile(ComposeConfig.ENV_EXAMPLE);
        assertThat(config.exitCode()).as(config.output()).isZero();
        Map<String, Map<String, Object>> resolved =
                (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(config.output()).get("services");

        assertThat(resolved).containsKeys("kafka", "postgres", "keycloak-db", "keycloak", "notification-writer",
                "stream-gateway-1", "stream-gateway-2", "web", "prometheus", "grafana", "jaeger");
        resolved.forEach((name, service) -> {
            if (name.equals("grafana")) {
                assertThat(list(service.get("ports"))).as("grafana on loopback only").singleElement()
                        .satisfies(port -> assertThat(port.toString()).startsWith("127.0.0.1:"));
            } else if (!name.equals("web")) {
                assertThat(service).as(name + " publishes no port").doesNotContainKey("ports");
            }
        });
        assertThat(list(resolved.get("web").get("ports"))).as("nginx publishes its one port").hasSize(1);
    }

    @Test
    void everyServiceListensWhereComposeAndTheProxyExpectIt() throws IOException {
        String nginx = Files.readString(ROOT.resolve("deploy/nginx/default.conf"));
        for (Map.Entry<String, String> service : builtServices().entrySet()) {
            String port = listeningPort(service.getKey(), service.getValue());

            assertThat(buildArgs(service.getKey())).containsEntry("PORT", port);
            for (Object mapping : list(service(service.getKey()).get("ports"))) {
                assertThat(mapping.toString()).as(service.getKey() + " port mapping").endsWith(":" + port);
            }
            assertThat(nginx).as("nginx upstream for " + service.getKey()).contains("server " + service.getKey() + ":" + port + ";");
        }
    }

    /**
     * The gateways limit stream requests per client address: they must read it from nginx's
     * X-Forwarded-For, and only from nginx, and nginx must write the address it sees rather than append
     * to what the client sent.
     */
    @Test
    void theGatewaysTrustOnlyTheProxyWhichNamesTheClientItSees() throws IOException {
        Object proxy = ((Map<?, ?>) ((Map<?, ?>) service("web").get("networks")).get("default")).get("ipv4_address");
        assertThat(proxy).as("nginx has a fixed address").isNotNull();
        for (String gateway : List.of("stream-gateway-1", "stream-gateway-2")) {
            assertThat(environment(gateway)).as(gateway + " trusts nginx alone").containsEntry("TRUSTED_PROXIES", proxy.toString());
        }
        assertThat(placeholders(applicationYaml("stream-gateway"))).as("the gateway reads TRUSTED_PROXIES")
                .containsKey("TRUSTED_PROXIES");

        List<String> nginx = Files.readAllLines(ROOT.resolve("deploy/nginx/default.conf")).stream().map(String::strip).toList();
        List<String> forwardedFor = nginx.stream().filter(l -> l.startsWith("proxy_set_header X-Forwarded-For")).toList();
        long proxied = nginx.stream().filter(l -> l.startsWith("proxy_pass ")).count();
        assertThat(forwardedFor).as("nginx sets X-Forwarded-For in every proxied location").hasSize((int) proxied)
                .allMatch(l -> l.equals("proxy_set_header X-Forwarded-For $remote_addr;"));
    }

    @Test
    void issuerAndAudienceMatchTheRealmThatKeycloakImports() throws IOException {
        JsonNode realm;
        try (InputStream in = Files.newInputStream(ROOT.resolve("deploy/keycloak/notifications-realm.json"))) {
            realm = JsonMapper.builder().build().readTree(in);
        }
        String issuer = environment("notification-writer").get("JWT_ISSUER_URI");
        String hostname = environment("keycloak").get("KC_HOSTNAME");
        assertThat(issuer).isEqualTo(hostname + "/realms/" + realm.get("realm").asString());

        List<String> audiences = new ArrayList<>();
        realm.get("clientScopes").forEach(scope -> list(scope.get("protocolMappers")).forEach(mapper -> {
            JsonNode config = ((JsonNode) mapper).get("config");
            if (config != null && config.get("included.custom.audience") != null) {
                audiences.add(config.get("included.custom.audience").asString());
            }
        }));
        assertThat(audiences).as("audience mappers in the realm").hasSize(1);
        String audience = audiences.get(0);
        for (String module : Set.of("notification-writer", "stream-gateway")) {
            assertThat(applicationYaml(module)).as(module + " expects the audience the realm puts in tokens")
                    .contains("audiences: " + audience);
        }
        List<String> serviceScopes = new ArrayList<>();
        realm.get("clients").forEach(c -> {
            if (c.get("serviceAccountsEnabled") != null && c.get("serviceAccountsEnabled").asBoolean()) {
                c.get("defaultClientScopes").forEach(s -> serviceScopes.add(s.asString()));
            }
        });
        assertThat(serviceScopes).as("a service client gets the scopes that creating and broadcasting notifications need")
                .contains("notifications:write", "notifications:broadcast", "notifications-audience", "basic");
        List<String> definedScopes = new ArrayList<>();
        realm.get("clientScopes").forEach(scope -> definedScopes.add(scope.get("name").asString()));
        assertThat(definedScopes).as("the realm defines the scopes it gives").contains("notifications:write",
                "notifications:broadcast");
    }

    /** A folder with stand-ins for kafka-acls.sh and kafka-configs.sh that append their command lines to {@code calls}. */
    private static Path kafkaToolStandIns() throws IOException {
        Path bin = Files.createTempDirectory("kafka-bin");
        for (String tool : List.of("kafka-acls.sh", "kafka-configs.sh")) {
            Path standIn = bin.resolve(tool);
            Files.writeString(standIn, "#!/bin/bash\necho \"" + tool + " $*\" >> " + bin.resolve("calls") + "\n");
            assertThat(standIn.toFile().setExecutable(true)).isTrue();
        }
        return bin;
    }

    /** A service's {@code depends_on}: the services it waits for, with the condition. */
    private static Map<String, String> dependsOn(String name) {
        Map<String, String> result = new LinkedHashMap<>();
        if (service(name).get("depends_on") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(((Map<?, ?>) v).get("condition"))));
        }
        return result;
    }

    /** Services built from this repository, by compose name, with the Maven module they come from. */
    private static Map<String, String> builtServices() {
        Map<String, String> built = new LinkedHashMap<>();
        services().forEach((name, definition) -> {
            Object module = buildArgs(name).get("MODULE");
            if (module != null) {
                built.put(name, module.toString());
            }
        });
        assertThat(built).as("services built from the repository").containsKeys("notification-writer",
                "stream-gateway-1", "stream-gateway-2");
        return built;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> buildArgs(String name) {
        Object build = service(name).get("build");
        if (!(build instanceof Map<?, ?> map) || !(map.get("args") instanceof Map<?, ?> args)) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        ((Map<String, Object>) args).forEach((k, v) -> result.put(k, String.valueOf(v)));
        return result;
    }

    private static List<?> list(Object value) {
        if (value instanceof JsonNode node) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            return items;
        }
        return value instanceof List<?> list ? list : List.of();
    }

    private static String applicationYaml(String module) throws IOException {
        return Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml"));
    }

    /** The environment variables a configuration file reads, with their defaults. */
    private static Map<String, String> placeholders(String yaml) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(yaml);
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }

    /** {@code server.port}: its environment default when it reads one, else the literal. */
    private static String listeningPort(String service, String module) throws IOException {
        Map<String, Object> yaml = new Yaml().load(applicationYaml(module));
        Object port = ((Map<?, ?>) yaml.get("server")).get("port");
        Matcher m = PLACEHOLDER.matcher(String.valueOf(port));
        String value = m.matches() ? m.group(2) : String.valueOf(port);
        assertThat(value).as(service + " server.port").matches("\\d+");
        return value;
    }
}
