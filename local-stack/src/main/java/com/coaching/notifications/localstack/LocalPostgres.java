package com.coaching.notifications.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database of the local stack: an embedded PostgreSQL whose data folder survives restarts, or an
 * existing server when {@code local-stack.database-url} is given.
 */
final class LocalPostgres implements AutoCloseable {

    private static final String DATABASE = "notifications";

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private LocalPostgres(EmbeddedPostgres embedded, String jdbcUrl, String user, String password) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    static LocalPostgres start(LocalStackProperties settings) {
        if (settings.databaseUrl() != null && !settings.databaseUrl().isBlank()) {
            return new LocalPostgres(null, settings.databaseUrl(), settings.databaseUser(), settings.databasePassword());
        }
        Path data = settings.absoluteDataDir().resolve("postgres");
        try {
            Files.createDirectories(data);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(settings.ports().postgres())
                    // Said outright rather than left to PostgreSQL's default ("localhost"), which is whatever
                    // that name resolves to on this machine.
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            createDatabaseIfMissing(jdbcUrl(pg, "postgres"));
            return new LocalPostgres(pg, jdbcUrl(pg, DATABASE), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + data + ": " + e.getMessage(), e);
        }
    }

    /** On the address it listens on, not "localhost", which may resolve to another. */
    private static String jdbcUrl(EmbeddedPostgres pg, String database) {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + database;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String description() {
        return embedded == null ? "existing server " + jdbcUrl : "embedded, " + jdbcUrl;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void createDatabaseIfMissing(String adminUrl) {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "postgres");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }
}
