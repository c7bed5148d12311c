package com.coaching.notifications.writer.stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's stream sequence: 1, 2, 3 ... in commit order, without gaps.
 *
 * <p>{@link #next} increments the user's row in {@code user_stream} and so holds its row lock until
 * the caller's transaction ends. A second change for the same user waits for the first to commit
 * (or roll back, which also undoes the increment), so seq order is commit order and no number is
 * lost. Changes of different users do not wait for each other.
 */
@Component
public class StreamSequence {

    private final JdbcClient jdbc;

    public StreamSequence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the user's next seq. Must run inside the transaction that writes the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long next(String userId) {
        return jdbc.sql("""
                        insert into user_stream (user_id, last_seq) values (:user, 1)
                        on conflict (user_id) do update set last_seq = user_stream.last_seq + 1
                        returning last_seq
                        """)
                .param("user", userId)
                .query(Long.class)
                .single();
    }
}
