package com.coaching.notifications.audit;

import static com.coaching.notifications.audit.AuditFixture.cli;
import static com.coaching.notifications.audit.AuditFixture.created;
import static com.coaching.notifications.audit.AuditFixture.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationDeleted;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reconcile against a real PostgreSQL with the writer's own schema (its Flyway migrations) and a
 * topic on the real broker, each test with a database and a topic of its own.
 */
class ReconcileTest {

    private static final Instant T0 = Instant.parse("2025-04-01T09:00:00Z");

    private AuditFixture topic;
    private TestPostgres db;

    @BeforeEach
    void freshTopicAndDatabase() throws Exception {
        topic = new AuditFixture();
        db = TestPostgres.newPasswordProtectedDatabase();
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration").load().migrate();
    }

    @Test
    void topicAndDatabaseThatHoldTheSameNotificationsAgree() throws Exception {
        List<NotificationCreated> stored = List.of(created("ann", 1, at(1)), created("ann", 2, at(2)), created("ben", 1, at(3)));
        store(stored);
        topic.publish(stored.stream().map(AuditFixture::envelope).toList());

        AuditFixture.Run run = reconcile();

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("3 events on", "3 notifications in the database", "result: AGREE");
    }

    @Test
    void reportsANotificationWhoseEventWasDeletedFromTheOutboxBeforePublishing() throws Exception {
        NotificationCreated published = created("ann", 1, at(1));
        NotificationCreated lost = created("ann", 2, at(2));
        NotificationCreated next = created("ann", 3, at(3));
        // All three rows were committed; the outbox row of the second was removed before the relay sent it.
        store(List.of(published, lost, next));
        topic.publish(List.of(envelope(published), envelope(next)));

        AuditFixture.Run run = reconcile();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("notifications missing on the topic: 1", "notification " + lost.id(),
                "seq gaps: 1", "user ann: seq 2 missing", "result: DISAGREE");
    }

    @Test
    void reportsAnEventPublishedTwice() throws Exception {
        NotificationCreated once = created("ann", 1, at(1));
        store(List.of(once));
        EventEnvelope event = envelope(once);
        topic.publish(List.of(event, event));

        AuditFixture.Run run = reconcile();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("duplicate seqs: 1", "user ann seq 1: 2 records (same event id, redelivered)",
                "notifications missing on the topic: 0");
    }

    @Test
    void reportsACreatedEventWithoutARowUnlessTheNotificationWasDeleted() throws Exception {
        NotificationCreated orphan = created("ann", 1, at(1));
        NotificationCreated removed = created("ann", 2, at(2));
        topic.publish(List.of(envelope(orphan), envelope(removed),
                envelope(EventType.NOTIFICATION_DELETED, "ann", 3, at(3),
                        new NotificationDeleted(removed.id(), "ann", 3, at(3)))));

        AuditFixture.Run run = reconcile();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("created events without a row in the database: 1", "notification " + orphan.id())
                .doesNotContain("notification " + removed.id());
    }

    @Test
    void namesTheDatabaseWhenItIsNotTheWritersOne() {
        TestPostgres empty = TestPostgres.newDatabase();

        AuditFixture.Run run = cli(Map.of("AUDIT_DB_PASSWORD", empty.password()), null, "reconcile",
                "--from", "2025-04-01", "--to", "2025-04-02",
                "--bootstrap-servers", TestKafka.bootstrapServers(), "--topic", topic.topic,
                "--db-url", empty.jdbcUrl(), "--db-user", empty.username());

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err().strip()).startsWith("audit-replay: the database at").contains("has no notification table")
                .doesNotContain("\n");
    }

    @ParameterizedTest(name = "AUDIT_DB_PASSWORD {0}, PGPASSWORD {1}, typed {2}: exit {3}")
    @CsvSource(nullValues = "none", value = {
            "right, none,  none,  0",
            "none,  right, none,  0",
            "right, wrong, none,  0",
            "none,  none,  right, 0",
            "right, none,  wrong, 0",
            "wrong, none,  none,  3",
            "wrong, right, none,  3",
            "none,  none,  none,  3",
    })
    void thePasswordComesFromTheEnvironmentOrTheConsoleNeverFromTheCommandLine(String audit, String standard,
            String typed, int exit) {
        Map<String, String> environment = new HashMap<>();
        if (audit != null) {
            environment.put("AUDIT_DB_PASSWORD", password(audit));
        }
        if (standard != null) {
            environment.put("PGPASSWORD", password(standard));
        }
        List<String> asked = new ArrayList<>();
        DatabasePassword.Prompt console = typed == null ? null : question -> {
            asked.add(question);
            return password(typed).toCharArray();
        };

        AuditFixture.Run run = reconcile(environment, console);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(exit);
        if (exit == 0) {
            assertThat(run.out()).contains("result: AGREE");
        } else {
            assertThat(run.err().strip()).startsWith("audit-replay: cannot query the database at " + db.jdbcUrl())
                    .endsWith("the password comes from AUDIT_DB_PASSWORD, PGPASSWORD or the console")
                    .doesNotContain("\n");
        }
        assertThat(asked).as("asked at the console only when the environment has no password")
                .hasSize(typed != null && audit == null && standard == null ? 1 : 0);
        asked.forEach(question -> assertThat(question).contains(db.username(), db.jdbcUrl()));
    }

    private String password(String which) {
        return which.equals("right") ? db.password() : "not-" + db.password();
    }

    private AuditFixture.Run reconcile() {
        return reconcile(Map.of("AUDIT_DB_PASSWORD", db.password()), null);
    }

    private AuditFixture.Run reconcile(Map<String, String> environment, DatabasePassword.Prompt console) {
        return cli(environment, console, "reconcile", "--from", "2025-04-01T09:00:00Z", "--to", "2025-04-01T10:00:00Z",
                "--bootstrap-servers", TestKafka.bootstrapServers(), "--topic", topic.topic,
                "--db-url", db.jdbcUrl(), "--db-user", db.username());
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private void store(List<NotificationCreated> notifications) throws Exception {
        String sql = "insert into notification (id, user_id, seq, type, title, message, status, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             PreparedStatement insert = c.prepareStatement(sql)) {
            for (NotificationCreated n : new ArrayList<>(notifications)) {
                insert.setObject(1, n.id());
                insert.setString(2, n.userId());
                insert.setLong(3, n.seq());
                insert.setString(4, n.type().json());
                insert.setString(5, n.title());
                insert.setString(6, n.message());
                insert.setString(7, n.status().json());
                insert.setTimestamp(8, Timestamp.from(n.createdAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
