package com.coaching.notifications.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Tests run on the PostgreSQL major that docker-compose.yml runs, so a feature or a plan seen in tests is production's. */
class PostgresMajorTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void theTestServerHasTheMajorOfEveryPostgresImageOfCompose() throws Exception {
        TestPostgres database = TestPostgres.newDatabase();
        int major;
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             ResultSet version = connection.createStatement().executeQuery("show server_version_num")) {
            version.next();
            major = Integer.parseInt(version.getString(1)) / 10_000;
        }

        Map<String, Map<String, Object>> services;
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            services = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(in).get("services");
        }
        assertThat(services.values().stream().map(s -> String.valueOf(s.get("image")))
                .filter(image -> image.startsWith("postgres:")).toList())
                .as("PostgreSQL images of compose").isNotEmpty()
                .allSatisfy(image -> assertThat(image).isEqualTo("postgres:" + major));
    }
}
