package com.coaching.notifications.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) as a child JVM, from the
 * jars that the {@code local-kafka} module copies to its {@code target/libs}. Its log lives in
 * {@code home}, so a broker started again on the same home and ports is the same cluster with the same
 * topics: what a restart after an outage looks like to its clients.
 *
 * <p>Plain by default. {@linkplain #secured Secured}, its client listener speaks SASL_PLAINTEXT with
 * SCRAM-SHA-512 for the users given, whose credentials are written into the metadata when the storage
 * is formatted, and the {@code StandardAuthorizer} denies whatever no ACL allows; {@link #ADMIN} is
 * the one super user (it applies the ACLs). Both listeners bind to 127.0.0.1 only.
 *
 * @param libs           the broker's jars
 * @param home           configuration and data; formatted on first use
 * @param port           the client listener on 127.0.0.1
 * @param controllerPort the controller listener on 127.0.0.1
 * @param scramUsers     user name to password; empty for a plain broker that authenticates no one
 */
public record KafkaBroker(Path libs, Path home, int port, int controllerPort, Map<String, String> scramUsers) {

    /** Where the build puts the broker's jars, relative to the repository root. */
    public static final String LIBS = "local-kafka/target/libs";

    /** The super user of a secured broker. */
    public static final String ADMIN = "admin";

    public static final String SASL_MECHANISM = "SCRAM-SHA-512";

    /**
     * Names and passwords go into JAAS configurations and into the storage tool's
     * {@code [name=...,password=...]} argument, where quotes, commas and brackets would break them.
     */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9._-]+");

    public KafkaBroker {
        scramUsers = Map.copyOf(scramUsers);
        if (!scramUsers.isEmpty() && !scramUsers.containsKey(ADMIN)) {
            throw new IllegalArgumentException("a secured broker needs the super user " + ADMIN);
        }
        scramUsers.forEach((user, password) -> {
            if (!PLAIN_WORD.matcher(user).matches() || !PLAIN_WORD.matcher(password).matches()) {
                throw new IllegalArgumentException("user names and passwords may hold letters, digits, '.', '_' and '-' only: " + user);
            }
        });
    }

    public KafkaBroker(Path libs, Path home, int port, int controllerPort) {
        this(libs, home, port, controllerPort, Map.of());
    }

    /** A broker that authenticates {@code users} (name to password, {@link #ADMIN} among them) and checks ACLs. */
    public static KafkaBroker secured(Path libs, Path home, int port, int controllerPort, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a secured broker needs its users");
        }
        return new KafkaBroker(libs, home, port, controllerPort, users);
    }

    public boolean isSecured() {
        return !scramUsers.isEmpty();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Client settings (bootstrap servers and, when secured, the SASL login) to connect as {@code user}. */
    public Map<String, Object> clientProperties(String user) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", bootstrapServers());
        if (isSecured()) {
            String password = scramUsers.get(user);
            if (password == null) {
                throw new IllegalArgumentException("no such user: " + user);
            }
            properties.put("security.protocol", "SASL_PLAINTEXT");
            properties.put("sasl.mechanism", SASL_MECHANISM);
            properties.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user, password, ""));
        }
        return properties;
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
            List<String> lines = new ArrayList<>(List.of(
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "controller.listener.names=CONTROLLER",
                    "log.dirs=" + home.resolve("data").toAbsolutePath(),
                    "num.partitions=3",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0"));
            lines.addAll(isSecured() ? securedListeners() : plainListeners());
            lines.add("");
            Files.writeString(config, String.join("\n", lines));
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

    private List<String> plainListeners() {
        return List.of(
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    }

    /**
     * Clients and the broker itself authenticate with SCRAM on the client listener. The controller
     * listener takes PLAIN with the admin alone: SCRAM credentials live in the metadata that the
     * controller serves, so it cannot authenticate with them, and a controller listener without
     * authentication would make whoever reaches it ANONYMOUS, who would then need to be a super user.
     */
    private List<String> securedListeners() {
        String admin = scramUsers.get(ADMIN);
        return List.of(
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=" + SASL_MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + SASL_MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                        + jaas("org.apache.kafka.common.security.scram.ScramLoginModule", ADMIN, admin, ""),
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config="
                        + jaas("org.apache.kafka.common.security.plain.PlainLoginModule", ADMIN, admin,
                                " user_" + ADMIN + "=\"" + admin + "\""),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + ADMIN,
                "allow.everyone.if.no.acl.found=false");
    }

    private static String jaas(String module, String user, String password, String more) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\"" + more + ";";
    }

    private void format(String classpath, Path config, Path log) {
        // --cluster-id=<id> in one word: a random id may start with '-' and pass for an option.
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable(), "-cp", classpath,
                "kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId(), "--config=" + config));
        // Sorted, so the command line is the same on every run.
        new TreeMap<>(scramUsers).forEach((user, password) ->
                command.add("--add-scram=" + SASL_MECHANISM + "=[name=" + user + ",password=" + password + "]"));
        ServiceProcess format = ServiceProcess.start("kafka-storage-format", command, log);
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
