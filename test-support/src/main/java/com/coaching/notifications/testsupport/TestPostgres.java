package com.coaching.notifications.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: an embedded server started once per JVM, or an existing server when
 * the environment variable {@code TEST_DATABASE_URL} (with {@code TEST_DATABASE_USER} and
 * {@code TEST_DATABASE_PASSWORD}) points at one. Each caller gets a database of its own.
 */
public final class TestPostgres {

    /**
     * Members of this role must give their password over TCP. The embedded server trusts every other
     * connection (initdb's {@code -A trust}), which would accept any password, or none.
     */
    private static final String PASSWORD_REQUIRED = "password_required";

    private static EmbeddedPostgres embedded;
    private static Server server;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private TestPostgres(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** Creates a new, empty database and returns how to reach it. */
    public static TestPostgres newDatabase() {
        Server server = server();
        String name = uniqueName();
        execute(server, "CREATE DATABASE " + name);
        return new TestPostgres(url(server, name), server.user, server.password);
    }

    /**
     * Creates a new, empty database owned by a new role that can connect only with its password (over TCP, as
     * the JDBC driver does), and returns how to reach it as that role: a wrong password or none is refused.
     * On a server given by {@code TEST_DATABASE_URL}, that server's own {@code pg_hba.conf} decides.
     */
    public static TestPostgres newPasswordProtectedDatabase() {
        Server server = server();
        String name = uniqueName();
        String role = name + "_owner";
        String password = UUID.randomUUID().toString();
        execute(server, "CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "' IN ROLE " + PASSWORD_REQUIRED);
        execute(server, "CREATE DATABASE " + name + " OWNER " + role);
        return new TestPostgres(url(server, name), role, password);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    private record Server(String url, String user, String password) {
    }

    private static String uniqueName() {
        return "notifications_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** The server's URL with another database; without the user the embedded server's URL names. */
    private static String url(Server server, String database) {
        return server.url.substring(0, server.url.lastIndexOf('/') + 1) + database;
    }

    private static void execute(Server server, String sql) {
        try (Connection c = DriverManager.getConnection(server.url, server.user, server.password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql.replaceAll("PASSWORD '[^']*'", "PASSWORD ...")
                    + "' on " + server.url, e);
        }
    }

    /** Puts the password rule first in pg_hba.conf, where the first matching line decides. */
    private static void requirePasswords(File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        try {
            Files.writeString(hba, "host all +" + PASSWORD_REQUIRED + " 127.0.0.1/32 scram-sha-256\n"
                    + "host all +" + PASSWORD_REQUIRED + " ::1/128 scram-sha-256\n" + Files.readString(hba));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + hba, e);
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            server = startServer();
            execute(server, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + PASSWORD_REQUIRED
                    + "') THEN CREATE ROLE " + PASSWORD_REQUIRED + " NOLOGIN; END IF; END $$");
        }
        return server;
    }

    private static Server startServer() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new Server(url, System.getenv().getOrDefault("TEST_DATABASE_USER", "postgres"),
                    System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", ""));
        }
        try {
            embedded = EmbeddedPostgres.builder().setDataDirectoryCustomizer(TestPostgres::requirePasswords).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is going away; the data directory is temporary
            }
        }));
        return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }
}
