package com.coaching.notifications.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) as a child JVM, from the
 * jars that the {@code local-kafka} module copies to its {@code target/libs}. Its log lives in
 * {@code home}, so a broker started again on the same home and ports is the same cluster with the same
 * topics: what a restart after an outage looks like to its clients.
 *
 * @param libs           the broker's jars
 * @param home           configuration and data; formatted on first use
 * @param port           the client listener on 127.0.0.1
 * @param controllerPort the controller listener on 127.0.0.1
 */
public record KafkaBroker(Path libs, Path home, int port, int controllerPort) {

    /** Where the build puts the broker's jars, relative to the repository root. */
    public static final String LIBS = "local-kafka/target/libs";

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (formatting its storage the first time) and waits until it accepts connections. */
    public ServiceProcess start(Path log, Duration timeout) {
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("Kafka broker jars not found in " + libs + "; build first: ./mvnw -DskipTests package");
        }
        Path config = home.resolve("server.properties");
        String classpath = libs.toAbsolutePath() + "/*";
        try {
            Files.createDirectories(home);
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + home.resolve("data").toAbsolutePath(),
                    "num.partitions=3",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    ""));
            if (!Files.exists(home.resolve("data/meta.properties"))) {
                format(classpath, config, home.resolve("format.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka in " + home, e);
        }
        ServiceProcess broker = ServiceProcess.start("kafka",
                List.of(ServiceProcess.javaExecutable(), "-Xmx512m", "-cp", classpath,
                        "-Dkafka.logs.dir=" + home.resolve("logs").toAbsolutePath(), "kafka.Kafka", config.toString()),
                log);
        broker.awaitPort(port, timeout);
        return broker;
    }

    private static void format(String classpath, Path config, Path log) {
        ServiceProcess format = ServiceProcess.start("kafka-storage-format",
                // --cluster-id=<id> in one word: a random id may start with '-' and pass for an option.
                List.of(ServiceProcess.javaExecutable(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                        "--cluster-id=" + clusterId(), "--config=" + config),
                log);
        try {
            if (format.waitFor() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed:\n" + format.logTail(20));
            }
        } finally {
            format.close();
        }
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding. */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
