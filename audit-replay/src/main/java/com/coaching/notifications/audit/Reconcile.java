package com.coaching.notifications.audit;

import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.NotificationDeleted;
import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code reconcile}: compares the topic with the writer's database for a time range and lists what
 * does not agree: notifications stored but never published, created events with no stored row (and
 * no later deletion), the same user seq published more than once, and per-user seq gaps.
 */
final class Reconcile {

    /** What one run found; it agrees only when every list is empty. */
    record Report(long events, long rows, List<String> missingOnTopic, List<String> withoutRow,
            List<String> duplicates, List<String> gaps, List<String> unreadable) {

        boolean agrees() {
            return missingOnTopic.isEmpty() && withoutRow.isEmpty() && duplicates.isEmpty() && gaps.isEmpty()
                    && unreadable.isEmpty();
        }

        void print(PrintStream out, CommandLine command) {
            out.printf("reconcile %s .. %s: %,d events on %s, %,d notifications in the database%n",
                    command.from(), command.to(), events, command.topic(), rows);
            section(out, "notifications missing on the topic", missingOnTopic);
            section(out, "created events without a row in the database", withoutRow);
            section(out, "duplicate seqs", duplicates);
            section(out, "seq gaps", gaps);
            section(out, "unreadable events", unreadable);
            out.println(agrees() ? "result: AGREE" : "result: DISAGREE");
        }

        private static void section(PrintStream out, String title, List<String> lines) {
            out.printf("%s: %d%n", title, lines.size());
            lines.stream().limit(100).forEach(l -> out.println("  " + l));
            if (lines.size() > 100) {
                out.printf("  ... and %,d more%n", lines.size() - 100);
            }
        }
    }

    /**
     * SQL states of a refused login: invalid authorization (28000), a wrong password (28P01), and the driver's own
     * for a server that wants a password it was not given (08004).
     */
    private static final Set<String> REFUSED_LOGIN = Set.of("28000", "28P01", "08004");

    private record Published(String userId, long seq, String eventId, int partition, long offset) {
    }

    private Reconcile() {
    }

    /** @param password the database password, or null for none */
    static Report run(CommandLine command, String password, Progress progress) {
        Map<UUID, Published> created = new HashMap<>();
        Set<UUID> deleted = new HashSet<>();
        Map<String, TreeMap<Long, List<Published>>> byUser = new HashMap<>();
        List<String> unreadable = new ArrayList<>();
        long[] inRange = {0};
        Instant matchUntil = command.to().plus(Replay.GRACE);

        // Read on to the end of the topic: a deletion after the range explains a missing row.
        try (TopicReader reader = new TopicReader(command.kafka(), command.timeout())) {
            reader.read(command.topic(), command.from(), Instant.now().plus(Duration.ofMinutes(1)), Duration.ZERO, event -> {
                boolean within = event.timestamp().isBefore(command.to());
                Published at = new Published(event.userId(), event.seq() == null ? -1 : event.seq(), event.id(),
                        event.partition(), event.offset());
                try {
                    if (EventType.NOTIFICATION_CREATED.ceType().equals(event.type()) && event.timestamp().isBefore(matchUntil)) {
                        created.putIfAbsent(EventJson.fromBytes(event.data(), NotificationCreated.class).id(), at);
                    } else if (EventType.NOTIFICATION_DELETED.ceType().equals(event.type())) {
                        deleted.add(EventJson.fromBytes(event.data(), NotificationDeleted.class).id());
                    }
                } catch (EventJson.InvalidEventException e) {
                    unreadable.add(place(at) + ": " + e.getMessage());
                }
                if (within) {
                    inRange[0]++;
                    if (event.userId() == null || event.seq() == null) {
                        unreadable.add(place(at) + ": no user key or ce_seq header");
                    } else {
                        byUser.computeIfAbsent(event.userId(), u -> new TreeMap<>())
                                .computeIfAbsent(event.seq(), s -> new ArrayList<>()).add(at);
                    }
                }
            }, progress::expect, progress::update);
        } finally {
            progress.finish();
        }

        Map<UUID, String> rows = rowsCreatedIn(command, password);
        List<String> missingOnTopic = new ArrayList<>();
        rows.forEach((id, row) -> {
            if (!created.containsKey(id)) {
                missingOnTopic.add("notification " + id + " (" + row + ")");
            }
        });

        Set<UUID> unexplained = new HashSet<>();
        created.forEach((id, p) -> {
            if (!rows.containsKey(id) && !deleted.contains(id) && isInRange(p, byUser)) {
                unexplained.add(id);
            }
        });
        Set<UUID> storedElsewhere = existingIds(command, password, unexplained);
        List<String> withoutRow = new ArrayList<>();
        unexplained.stream().filter(id -> !storedElsewhere.contains(id)).sorted().forEach(id ->
                withoutRow.add("notification " + id + " at " + place(created.get(id))));

        List<String> duplicates = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        new TreeMap<>(byUser).forEach((user, seqs) -> {
            long previous = -1;
            for (Map.Entry<Long, List<Published>> entry : seqs.entrySet()) {
                List<Published> copies = entry.getValue();
                if (copies.size() > 1) {
                    boolean redelivered = copies.stream().map(Published::eventId).distinct().count() == 1;
                    duplicates.add("user " + user + " seq " + entry.getKey() + ": " + copies.size() + " records ("
                            + (redelivered ? "same event id, redelivered" : "different event ids") + ") at "
                            + copies.stream().map(Reconcile::place).toList());
                }
                if (previous >= 0 && entry.getKey() > previous + 1) {
                    gaps.add("user " + user + ": seq " + (previous + 1)
                            + (entry.getKey() - 1 > previous + 1 ? " to " + (entry.getKey() - 1) : "") + " missing");
                }
                previous = entry.getKey();
            }
        });
        return new Report(inRange[0], rows.size(), missingOnTopic, withoutRow, duplicates, gaps, unreadable);
    }

    private static boolean isInRange(Published p, Map<String, TreeMap<Long, List<Published>>> byUser) {
        TreeMap<Long, List<Published>> seqs = byUser.get(p.userId());
        return seqs != null && seqs.containsKey(p.seq()) && seqs.get(p.seq()).contains(p);
    }

    private static String place(Published p) {
        return "partition " + p.partition() + " offset " + p.offset();
    }

    /** Notifications created in the range: id → "user u, seq n, created t". */
    private static Map<UUID, String> rowsCreatedIn(CommandLine command, String password) {
        String sql = "select id, user_id, seq, created_at from notification where created_at >= ? and created_at < ?";
        Map<UUID, String> rows = new HashMap<>();
        try (Connection db = connect(command, password); PreparedStatement q = db.prepareStatement(sql)) {
            q.setTimestamp(1, Timestamp.from(command.from()));
            q.setTimestamp(2, Timestamp.from(command.to()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getObject(1, UUID.class), "user " + rs.getString(2) + ", seq " + rs.getLong(3)
                            + ", created " + rs.getTimestamp(4).toInstant());
                }
            }
            return rows;
        } catch (SQLException e) {
            throw databaseFailure(command, e);
        }
    }

    /** Which of these ids have a row, whatever its creation time (an event published long after its commit). */
    private static Set<UUID> existingIds(CommandLine command, String password, Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (Connection db = connect(command, password);
             PreparedStatement q = db.prepareStatement("select id from notification where id = any(?)")) {
            Array array = db.createArrayOf("uuid", ids.toArray());
            q.setArray(1, array);
            Set<UUID> found = new HashSet<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
            return found;
        } catch (SQLException e) {
            throw databaseFailure(command, e);
        }
    }

    private static Connection connect(CommandLine command, String password) throws SQLException {
        DriverManager.setLoginTimeout((int) Math.max(1, command.timeout().toSeconds()));
        return DriverManager.getConnection(command.dbUrl(), command.dbUser(), password);
    }

    private static AuditFailure databaseFailure(CommandLine command, SQLException e) {
        if ("42P01".equals(e.getSQLState())) {
            return AuditFailure.unavailable("the database at " + command.dbUrl()
                    + " has no notification table; is it the writer's database?", e);
        }
        String message = "cannot query the database at " + command.dbUrl() + ": " + e.getMessage();
        return AuditFailure.unavailable(REFUSED_LOGIN.contains(e.getSQLState()) ? message + "; " + DatabasePassword.WHERE
                : message, e);
    }
}
