package com.coaching.notifications.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller) as a child JVM, from the jars
 * that the {@code local-kafka} module copies. Its log lives in the data folder, so topics survive a
 * restart of the stack.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static ServiceProcess start(LocalStackProperties settings) {
        Path libs = settings.projectDir().resolve("local-kafka/target/libs").toAbsolutePath().normalize();
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("Kafka broker jars not found in " + libs + "; build first: ./mvnw -DskipTests package");
        }
        Path home = settings.absoluteDataDir().resolve("kafka");
        Path config = home.resolve("server.properties");
        String classpath = libs + "/*";
        int port = settings.ports().kafka();
        int controller = settings.ports().kafkaController();
        try {
            Files.createDirectories(home);
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controller,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + home.resolve("data"),
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
                        "-Dkafka.logs.dir=" + home.resolve("logs"), "kafka.Kafka", config.toString()),
                settings.absoluteDataDir().resolve("logs/kafka.log"));
        broker.awaitPort(port, settings.startTimeout());
        return broker;
    }

    private static void format(String classpath, Path config, Path log) {
        ServiceProcess format = ServiceProcess.start("kafka-storage-format",
                List.of(ServiceProcess.javaExecutable(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                        // "=" form: a random id may start with '-', which the tool would take for an option.
                        "--cluster-id=" + clusterId(), "-c", config.toString()),
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
        ByteBuffer bytes = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
