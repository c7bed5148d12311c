package com.coaching.notifications.localstack;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the local stack ({@code local-stack.*}).
 *
 * @param projectDir  the repository root, where the services' jars and web/dist are found (default {@code .})
 * @param dataDir     where PostgreSQL, Kafka, the issuer key and the logs keep their data (default {@code .local-stack})
 * @param wipe        delete the data folder before starting (default false)
 * @param demo        create a notification for a demo user at a steady rate (default false)
 * @param demoEvery   how often the demo creates one (default 5 s)
 * @param databaseUrl an existing PostgreSQL to use instead of the embedded one (default none)
 * @param databaseUser     user for {@code databaseUrl} (default postgres)
 * @param databasePassword password for {@code databaseUrl} (default empty)
 * @param ports       the ports everything listens on, all on 127.0.0.1
 * @param startTimeout how long each part may take to become ready (default 120 s)
 * @param gatewayProperties extra settings for both gateways, e.g.
 *        {@code --local-stack.gateway-properties.[notifications.sse.enabled]=false} (default none)
 */
@Validated
@ConfigurationProperties("local-stack")
public record LocalStackProperties(
        @NotNull @DefaultValue(".") Path projectDir,
        @NotNull @DefaultValue(".local-stack") Path dataDir,
        @DefaultValue("false") boolean wipe,
        @DefaultValue("false") boolean demo,
        @NotNull @DefaultValue("5s") Duration demoEvery,
        String databaseUrl,
        @DefaultValue("postgres") String databaseUser,
        @DefaultValue("") String databasePassword,
        @NotNull @DefaultValue Ports ports,
        @NotNull @DefaultValue("120s") Duration startTimeout,
        Map<String, String> gatewayProperties) {

    public LocalStackProperties {
        gatewayProperties = gatewayProperties == null ? Map.of() : Map.copyOf(gatewayProperties);
    }

    /**
     * @param proxy      the one origin for the browser (default 8080)
     * @param writer     notification-writer (default 8081)
     * @param gatewayA   first stream-gateway replica (default 8082)
     * @param gatewayB   second stream-gateway replica (default 8083)
     * @param kafka      the broker's client listener (default 9092)
     * @param kafkaController the broker's controller listener (default 9093)
     * @param postgres   the embedded PostgreSQL (default 5433, beside a system server on 5432)
     */
    public record Ports(
            @Positive @DefaultValue("8080") int proxy,
            @Positive @DefaultValue("8081") int writer,
            @Positive @DefaultValue("8082") int gatewayA,
            @Positive @DefaultValue("8083") int gatewayB,
            @Positive @DefaultValue("9092") int kafka,
            @Positive @DefaultValue("9093") int kafkaController,
            @Positive @DefaultValue("5433") int postgres) {
    }

    public Path absoluteDataDir() {
        return dataDir.isAbsolute() ? dataDir : projectDir.resolve(dataDir).toAbsolutePath().normalize();
    }

    public String origin() {
        return "http://127.0.0.1:" + ports.proxy();
    }
}
