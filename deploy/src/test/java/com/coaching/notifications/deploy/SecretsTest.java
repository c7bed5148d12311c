package com.coaching.notifications.deploy;

import static com.coaching.notifications.deploy.ComposeFile.environment;
import static com.coaching.notifications.deploy.ComposeFile.service;
import static com.coaching.notifications.deploy.ComposeFile.services;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No secret is committed as a working default: compose takes every password and client secret from an env
 * file and refuses to run without one, the realm takes them from Keycloak's environment, and the writer has
 * no database password of its own.
 */
class SecretsTest {

    private static final Path ROOT = ComposeConfig.ROOT;
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret).*");
    /** {@code ${VAR:?VAR is not set ...}}: required, and the error names the variable. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?\\1 is not set[^}]*}");
    /** A value Keycloak's realm import resolves from its environment. */
    private static final Pattern REALM_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    @TempDir
    Path temp;

    @Test
    void composeRefusesToRunWithoutTheEnvFile() throws IOException {
        ComposeConfig config = ComposeConfig.withEnvFile(ComposeConfig.envFile(temp, Map.of()));

        assertThat(config.exitCode()).as(config.output()).isNotZero();
        assertThat(config.output()).containsPattern("[A-Z_]+ is not set - copy deploy/.env.example to .env");
    }

    @ParameterizedTest
    @MethodSource("requiredVariables")
    void composeNamesEachMissingVariable(String variable) throws IOException {
        Map<String, String> allButOne = new LinkedHashMap<>(ComposeConfig.exampleVariables());
        allButOne.remove(variable);

        ComposeConfig config = ComposeConfig.withEnvFile(ComposeConfig.envFile(temp, allButOne));

        assertThat(config.exitCode()).as(config.output()).isNotZero();
        assertThat(config.output()).contains(": " + variable + " is not set");
    }

    @Test
    void composeAcceptsTheExampleEnvFile() {
        ComposeConfig config = ComposeConfig.withEnvFile(ComposeConfig.ENV_EXAMPLE);

        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    @Test
    void theExampleHoldsPlaceholdersAndSaysHowToMakeValues() throws IOException {
        String example = Files.readString(ComposeConfig.ENV_EXAMPLE);
        assertThat(example).as("how to generate a value").contains("openssl rand");
        ComposeConfig.exampleVariables().forEach((name, value) ->
                assertThat(value).as(name).startsWith("change-me"));
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).as("a filled-in .env is never committed").contains(".env");
    }

    /** Both images are built from the repository root, where .env lives: "COPY . ." must not take it in. */
    @Test
    void theImagesGetNoSecretFromTheBuildContext() throws IOException {
        Path ignore = ROOT.resolve(".dockerignore");

        assertThat(ignore).as("the build context's exclusions").isRegularFile();
        assertThat(Files.readAllLines(ignore)).as(".dockerignore").contains(".env");
    }

    @Test
    void theConfigurationReferenceNamesEveryVariableOfTheEnvFile() throws IOException {
        String reference = Files.readString(ROOT.resolve("docs/configuration.md"));

        ComposeConfig.exampleVariables().keySet().forEach(name ->
                assertThat(reference).as(name + " in docs/configuration.md").contains("| `" + name + "` |"));
    }

    @Test
    void everyPasswordAndSecretInComposeIsARequiredVariable() {
        Map<String, String> secrets = new LinkedHashMap<>();
        services().forEach((service, definition) -> environment(definition).forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                secrets.put(service + "." + name, value);
            }
        }));

        assertThat(secrets).as("passwords and secrets compose passes on").isNotEmpty();
        secrets.forEach((name, value) -> assertThat(value).as(name).matches(REQUIRED));
        assertThat(requiredVariables()).as("every required variable has a line in deploy/.env.example")
                .containsExactlyInAnyOrderElementsOf(ComposeConfig.exampleVariables().keySet());
    }

    @Test
    void everyPasswordAndSecretInTheRealmComesFromKeycloaksEnvironment() throws IOException {
        JsonNode realm;
        try (InputStream in = Files.newInputStream(ROOT.resolve("deploy/keycloak/notifications-realm.json"))) {
            realm = JsonMapper.builder().build().readTree(in);
        }
        List<String> secrets = new ArrayList<>();
        realm.get("clients").forEach(client -> {
            if (client.has("secret")) {
                secrets.add(client.get("secret").asString());
            }
        });
        realm.get("users").forEach(user -> user.get("credentials").forEach(c -> secrets.add(c.get("value").asString())));

        assertThat(secrets).as("the realm's client secret and passwords").isNotEmpty();
        Map<String, String> keycloak = environment(services().get("keycloak"));
        for (String secret : secrets) {
            Matcher placeholder = REALM_PLACEHOLDER.matcher(secret);
            assertThat(placeholder.matches()).as(secret + " is a placeholder Keycloak resolves on import").isTrue();
            assertThat(keycloak.get(placeholder.group(1))).as("compose gives Keycloak " + placeholder.group(1))
                    .isNotNull().matches(REQUIRED);
        }
    }

    @Test
    void theWriterHasNoDatabasePasswordOfItsOwn() throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(
                ROOT.resolve("notification-writer/src/main/resources/application.yml")));
        Object datasource = ((Map<?, ?>) ((Map<?, ?>) yaml.get("spring")).get("datasource"));

        assertThat(((Map<?, ?>) datasource).get("password")).as("required from the environment, no default")
                .isEqualTo("${DB_PASSWORD}");
    }

    static Stream<String> requiredVariables() {
        try {
            Matcher m = REQUIRED.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
            List<String> names = new ArrayList<>();
            while (m.find()) {
                if (!names.contains(m.group(1))) {
                    names.add(m.group(1));
                }
            }
            return names.stream();
        } catch (IOException e) {
            throw new AssertionError("cannot read docker-compose.yml", e);
        }
    }
}
