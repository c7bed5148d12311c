package com.coaching.notifications.writer.stream;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.events.StreamEvent;
import com.coaching.notifications.events.StreamEventPage;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * Each user's recent events, for a client (through a gateway) that resumes after a disconnect.
 * Written in the transaction of the change, so the history never lacks a committed seq; pruned by
 * age and by count per user. A request that reaches behind what is kept is refused
 * ({@link HistoryPrunedException}), never answered with a gap.
 */
@Component
public class StreamHistory {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final StreamSequence sequence;
    private final StreamHistoryProperties properties;
    private final Clock clock = Clock.systemUTC();

    public StreamHistory(JdbcClient jdbc, JdbcTemplate batch, StreamSequence sequence,
                         StreamHistoryProperties properties) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.sequence = sequence;
        this.properties = properties;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void append(List<EventEnvelope> events) {
        batch.batchUpdate("""
                        insert into stream_history (user_id, seq, event_type, payload, created_at)
                        values (?, ?, ?, ?, ?)
                        """, events, 1000, (PreparedStatement ps, EventEnvelope event) -> {
                    ps.setString(1, event.userId());
                    ps.setLong(2, event.seq());
                    ps.setString(3, event.type().ceType());
                    ps.setBytes(4, event.data());
                    ps.setTimestamp(5, Timestamp.from(event.time()));
                });
    }

    /**
     * The user's events with seq greater than {@code after}, in seq order: at most {@code limit}, and as many
     * as fit in a page of {@code maxBytes} serialised, but at least one. The user's seq and the history are read
     * in one snapshot.
     *
     * <p>Sizes are counted in the database ({@code octet_length} of each payload plus the most an event's
     * framing takes), so events that do not fit are never read out of it.
     *
     * @throws HistoryPrunedException when some of those events are no longer kept
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public StreamEventPage after(String userId, long after, int limit, int maxBytes) {
        long lastSeq = sequence.current(userId);
        long oldestKept = jdbc.sql("select min(seq) from stream_history where user_id = :user")
                .param("user", userId).query(Long.class).optional().orElse(lastSeq + 1);
        if (after < lastSeq && after + 1 < oldestKept) {
            throw new HistoryPrunedException(after, oldestKept);
        }
        // Of the next limit + 1 events (one more tells whether there is more), the prefix within the budget.
        List<SizedEvent> events = jdbc.sql("""
                        select seq, event_type, payload, candidates from (
                            select seq, event_type, payload,
                                   row_number() over (order by seq) as n,
                                   sum(octet_length(payload) + :framing) over (order by seq) as bytes,
                                   count(*) over () as candidates
                            from (select seq, event_type, payload from stream_history
                                  where user_id = :user and seq > :after order by seq limit :fetch) next_events
                        ) sized
                        where n <= :limit and (n = 1 or bytes <= :budget)
                        order by seq
                        """)
                .param("user", userId)
                .param("after", after)
                .param("fetch", limit + 1)
                .param("limit", limit)
                .param("framing", StreamEventPage.EVENT_FRAMING_BYTES)
                .param("budget", maxBytes - StreamEventPage.PAGE_FRAMING_BYTES)
                .query((rs, n) -> new SizedEvent(new StreamEvent(rs.getLong("seq"), sseName(rs.getString("event_type")),
                        // The stored bytes verbatim: exactly what went on the topic.
                        JsonNodeFactory.instance.rawValueNode(
                                new RawValue(new String(rs.getBytes("payload"), StandardCharsets.UTF_8)))),
                        rs.getInt("candidates")))
                .list();
        boolean hasMore = !events.isEmpty() && events.get(0).candidates() > events.size();
        return new StreamEventPage(events.stream().map(SizedEvent::event).toList(), lastSeq, hasMore, oldestKept);
    }

    /** An event of a page, with how many events the page was cut from. */
    private record SizedEvent(StreamEvent event, int candidates) {
    }

    /**
     * Drops events older than the retention and all but each user's newest {@code max-per-user}.
     *
     * <p>What is left of a user's history is always the newest seqs without a gap, since
     * {@link #after} only checks the oldest kept seq. An event older than the retention therefore
     * takes all of its user's earlier seqs with it: the times come from the clock of the replica that
     * made the change, so with replicas' clocks apart (or one stepped back) an earlier seq can look
     * younger than a later one, and deleting row by row would leave a hole behind a kept seq.
     */
    @Transactional
    public int prune() {
        int byAge = jdbc.sql("""
                        delete from stream_history h
                        using (select user_id, max(seq) as newest_expired from stream_history
                               where created_at < :cutoff group by user_id) expired
                        where h.user_id = expired.user_id and h.seq <= expired.newest_expired
                        """)
                .param("cutoff", Timestamp.from(clock.instant().minus(properties.retention())))
                .update();
        int byCount = jdbc.sql("""
                        delete from stream_history h using user_stream u
                        where h.user_id = u.user_id and h.seq <= u.last_seq - :max
                        """)
                .param("max", properties.maxPerUser())
                .update();
        return byAge + byCount;
    }

    private static String sseName(String ceType) {
        return EventType.fromCeType(ceType)
                .orElseThrow(() -> new IllegalStateException("history row has an unknown event type: " + ceType))
                .sseName();
    }
}
