package com.coaching.notifications.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The repository's docker-compose.yml as written (unresolved: placeholders stay as they are), by service. */
final class ComposeFile {

    private ComposeFile() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() {
        try (InputStream in = Files.newInputStream(ComposeConfig.ROOT.resolve("docker-compose.yml"))) {
            return (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(in).get("services");
        } catch (IOException e) {
            throw new AssertionError("cannot read docker-compose.yml", e);
        }
    }

    static Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    /** The service's environment as compose gives it, values as strings. */
    static Map<String, String> environment(String name) {
        return environment(service(name));
    }

    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> result = new LinkedHashMap<>();
        if (service.get("environment") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        }
        return result;
    }
}
