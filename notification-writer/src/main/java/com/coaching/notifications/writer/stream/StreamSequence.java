package com.coaching.notifications.writer.stream;

import java.sql.Array;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's stream sequence: 1, 2, 3 ... in commit order, without gaps.
 *
 * <p>{@link #nextAll} increments the user's row in {@code user_stream} and so holds its row lock until
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
     * Takes the next seq of each user in one statement, inside the transaction that writes the change.
     * Users are locked in sorted order, so two transactions over overlapping users cannot deadlock.
     *
     * @param userIds distinct user ids
     * @return each user's new seq
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<String, Long> nextAll(List<String> userIds) {
        String[] sorted = userIds.stream().sorted().toArray(String[]::new);
        Map<String, Long> seqs = new LinkedHashMap<>();
        jdbcTemplate.query(connection -> {
            var statement = connection.prepareStatement("""
                    insert into user_stream (user_id, last_seq)
                    select u, 1 from unnest(?) with ordinality as t(u, n) order by n
                    on conflict (user_id) do update set last_seq = user_stream.last_seq + 1
                    returning user_id, last_seq
                    """);
            Array array = connection.createArrayOf("varchar", sorted);
            statement.setArray(1, array);
            return statement;
        }, rs -> {
            seqs.put(rs.getString(1), rs.getLong(2));
        });
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
