package com.coaching.notifications.writer.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's stream sequence: 1, 2, 3 ... in commit order, without gaps.
 *
 * <p>{@link #nextAll} advances the user's row in {@code user_stream} and so holds its row lock until
 * the caller's transaction ends. A second change for the same user waits for the first to commit
 * (or roll back, which also undoes the increment), so seq order is commit order and no number is
 * lost. Changes of different users do not wait for each other.
 *
 * <p>Every change takes this lock before it touches the user's notifications ({@link #lock} when it
 * does not know yet whether it will change anything), so two changes of one user always lock in the
 * same order and cannot deadlock.
 */
@Component
public class StreamSequence {

    private static final String LAST_SEQ = "select last_seq from user_stream where user_id = :user";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public StreamSequence(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Takes the seqs of many changes in one statement, inside the transaction that writes them. A user may
     * have several changes: they take consecutive seqs in the order given. Users are locked in sorted order,
     * so two transactions over overlapping users cannot deadlock.
     *
     * @param userIds the user of each change
     * @return the seq of each change, in the order of {@code userIds}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    long[] nextAll(List<String> userIds) {
        Map<String, Integer> changes = new TreeMap<>();
        userIds.forEach(user -> changes.merge(user, 1, Integer::sum));
        Map<String, Long> lastSeqs = new HashMap<>();
        jdbcTemplate.query(connection -> {
            var statement = connection.prepareStatement("""
                    insert into user_stream (user_id, last_seq)
                    select u, c from unnest(?, ?) with ordinality as t(u, c, n) order by n
                    on conflict (user_id) do update set last_seq = user_stream.last_seq + excluded.last_seq
                    returning user_id, last_seq
                    """);
            statement.setArray(1, connection.createArrayOf("varchar", changes.keySet().toArray(String[]::new)));
            statement.setArray(2, connection.createArrayOf("int4", changes.values().toArray(Integer[]::new)));
            return statement;
        }, rs -> {
            lastSeqs.put(rs.getString(1), rs.getLong(2));
        });
        // Counting down from each user's new last seq, from the end: a user's later change gets the later seq.
        long[] seqs = new long[userIds.size()];
        for (int i = userIds.size() - 1; i >= 0; i--) {
            seqs[i] = lastSeqs.merge(userIds.get(i), -1L, Long::sum) + 1;
        }
        return seqs;
    }

    /**
     * Locks the user's stream row until the transaction ends, without taking a seq, for a change that
     * may turn out to change nothing.
     *
     * @return the user's current seq, 0 when the user has none yet
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long lock(String userId) {
        return lastSeq(LAST_SEQ + " for update", userId);
    }

    /** The user's current seq, 0 when the user has none yet. */
    public long current(String userId) {
        return lastSeq(LAST_SEQ, userId);
    }

    private long lastSeq(String query, String userId) {
        return jdbc.sql(query).param("user", userId).query(Long.class).optional().orElse(0L);
    }
}
