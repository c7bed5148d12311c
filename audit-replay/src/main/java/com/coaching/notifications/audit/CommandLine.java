package com.coaching.notifications.audit;

import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The parsed command line: a command ({@code replay} or {@code reconcile}) and its options. Every
 * problem with the input is an {@link AuditFailure#usage} with a message that names the option.
 */
record CommandLine(
        String command,
        Instant from,
        Instant to,
        String user,
        String type,
        EventFormat format,
        String topic,
        Map<String, String> kafka,
        Duration timeout,
        boolean progress,
        String dbUrl,
        String dbUser) {

    static final String USAGE = String.join("\n",
            "usage: audit-replay replay    --from <time> --to <time> [--user <id>] [--type <event type>] [--format jsonl|csv]",
            "       audit-replay reconcile --from <time> --to <time> --db-url <jdbc url> [--db-user u]",
            "           (the password from " + DatabasePassword.VARIABLE + " or " + DatabasePassword.STANDARD_VARIABLE
                    + ", else typed at the console)",
            "common: [--bootstrap-servers host:port,...] [--topic " + Topics.EVENTS + "] [--kafka-config client.properties]",
            "        [--kafka-property key=value ...] [--timeout 15s] [--progress]",
            "<time>: 2025-01-01T10:00:00Z, 2025-01-01T12:00:00+02:00, 2025-01-01T10:00 (UTC) or 2025-01-01 (UTC midnight)",
            "event types: " + Arrays.stream(EventType.values()).map(EventType::ceType).collect(Collectors.joining(", ")));

    static CommandLine parse(String... args) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            throw AuditFailure.usage("a command is needed\n" + USAGE);
        }
        String command = args[0];
        if (!command.equals("replay") && !command.equals("reconcile")) {
            throw AuditFailure.usage("unknown command '" + command + "'; expected replay or reconcile");
        }
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        boolean progress = false;
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--progress")) {
                progress = true;
                continue;
            }
            if (!name.startsWith("--")) {
                throw AuditFailure.usage("unexpected argument '" + name + "'");
            }
            if (name.equals("--db-password") || name.startsWith("--db-password=")) {
                throw AuditFailure.usage("--db-password is not accepted: a password on the command line is visible to"
                        + " every user of this machine (ps); set " + DatabasePassword.VARIABLE + " (or "
                        + DatabasePassword.STANDARD_VARIABLE + ") instead");
            }
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw AuditFailure.usage(name + " needs a value");
            }
            switch (name) {
                case "--kafka-property" -> {
                    int kv = value.indexOf('=');
                    if (kv <= 0) {
                        throw AuditFailure.usage("--kafka-property takes key=value, got '" + value + "'");
                    }
                    kafka.put(value.substring(0, kv), value.substring(kv + 1));
                }
                case "--kafka-config" -> {
                    Properties file = readProperties(value);
                    file.stringPropertyNames().forEach(k -> kafka.putIfAbsent(k, file.getProperty(k)));
                }
                case "--from", "--to", "--user", "--type", "--format", "--topic", "--bootstrap-servers", "--timeout",
                        "--db-url", "--db-user" -> {
                    if (options.put(name, value) != null) {
                        throw AuditFailure.usage(name + " given twice");
                    }
                }
                default -> throw AuditFailure.usage("unknown option " + name);
            }
        }
        Instant from = time(options, "--from");
        Instant to = time(options, "--to");
        if (!from.isBefore(to)) {
            throw AuditFailure.usage("--from (" + from + ") must be before --to (" + to + ")");
        }
        String type = options.get("--type");
        if (type != null && EventType.fromCeType(type).isEmpty()) {
            throw AuditFailure.usage("unknown --type '" + type + "'; expected one of "
                    + Arrays.stream(EventType.values()).map(EventType::ceType).collect(Collectors.joining(", ")));
        }
        kafka.put("bootstrap.servers", options.getOrDefault("--bootstrap-servers",
                kafka.getOrDefault("bootstrap.servers", "127.0.0.1:9092")));
        String dbUrl = options.get("--db-url");
        if (command.equals("reconcile") && dbUrl == null) {
            throw AuditFailure.usage("reconcile needs --db-url jdbc:postgresql://host:port/database");
        }
        if (command.equals("replay") && dbUrl != null) {
            throw AuditFailure.usage("--db-url is for reconcile; replay reads the topic only");
        }
        return new CommandLine(command, from, to, options.get("--user"), type,
                EventFormat.parse(options.getOrDefault("--format", "jsonl")),
                options.getOrDefault("--topic", Topics.EVENTS), kafka, duration(options.getOrDefault("--timeout", "15s")),
                progress, dbUrl, options.getOrDefault("--db-user", "postgres"));
    }

    private static Instant time(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw AuditFailure.usage(name + " is required");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw AuditFailure.usage("cannot read " + name + " '" + value
                            + "' as a time; use for example 2025-01-01T10:00:00Z or 2025-01-01");
                }
            }
        }
    }

    private static Duration duration(String value) {
        try {
            Duration d = value.matches("\\d+s") ? Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)))
                    : Duration.parse(value);
            if (d.isNegative() || d.isZero()) {
                throw AuditFailure.usage("--timeout must be positive");
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw AuditFailure.usage("cannot read --timeout '" + value + "'; use for example 15s or PT1M");
        }
    }

    private static Properties readProperties(String file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw AuditFailure.usage("cannot read --kafka-config " + file + ": " + e.getMessage());
        }
    }
}
