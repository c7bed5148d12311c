package com.coaching.notifications.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/configuration.md names every setting an application declares, with the default the
 * application really has: both come from the metadata the configuration processor writes at build time.
 */
class ConfigurationReferenceTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"access-tokens", "notification-writer", "stream-gateway", "local-stack"})
    void everyDeclaredSettingIsDocumentedWithItsDefault(String module) throws IOException {
        Path metadata = ROOT.resolve(module).resolve("target/classes/META-INF/spring-configuration-metadata.json");
        assertThat(metadata).as("built by the reactor before this module").isRegularFile();
        String reference = Files.readString(ROOT.resolve("docs/configuration.md"));
        JsonNode properties = JsonMapper.builder().build().readTree(Files.readString(metadata)).get("properties");
        assertThat(properties.size()).as(module + " declares settings").isPositive();

        for (JsonNode property : properties) {
            String name = property.get("name").asString();
            String row = reference.lines().filter(l -> l.startsWith("| `" + name + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " of " + module + " is missing from docs/configuration.md"));
            JsonNode value = property.get("defaultValue");
            String expected = value == null || value.isNull() ? "none"
                    : value.isArray() && value.isEmpty() ? "none"
                    : value.asString().isEmpty() ? "empty"
                    : "`" + value.asString() + "`";
            assertThat(row.split("\\|")[2].trim()).as("default of " + name).isEqualTo(expected);
        }
    }
}
