package com.coaching.notifications.writer.stream;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.EventType;
import com.coaching.notifications.writer.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one path from a change to its events, in the change's transaction: takes the user's next seq,
 * stamps the change's time, builds the event and appends it to the history (for resume) and the
 * outbox (for Kafka), both or neither.
 */
@Component
public class StreamEvents {

    /** The {@code ce_source} of every event the writer emits. */
    static final String SOURCE = "/notification-writer";

    private final StreamSequence sequence;
    private final StreamHistory history;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public StreamEvents(StreamSequence sequence, StreamHistory history, Outbox outbox) {
        this.sequence = sequence;
        this.history = history;
        this.outbox = outbox;
    }

    /**
     * Records one user's change.
     *
     * @param data the event's data, from the seq and time it is stamped with
     * @return that data
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> T record(String userId, EventType type, Function<EventStamp, T> data) {
        return recordAll(List.of(userId), user -> user, user -> null, type, (user, stamp) -> data.apply(stamp)).get(0);
    }

    /**
     * Records many changes at once (a broadcast, a batch of requests): an event each, all with the same time,
     * the rows written in JDBC batches. A user's changes take consecutive seqs in the order given.
     *
     * @param userOf  the user of a change
     * @param traceOf the W3C {@code traceparent} a change continues, or null for the current span's
     * @param data    a change's event data, from the seq and time it is stamped with
     * @return each change's event data, in the order of {@code changes}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <C, T> List<T> recordAll(List<C> changes, Function<C, String> userOf, Function<C, String> traceOf,
                                    EventType type, BiFunction<C, EventStamp, T> data) {
        List<String> userIds = changes.stream().map(userOf).toList();
        long[] seqs = sequence.nextAll(userIds);
        // PostgreSQL keeps microseconds: the event, the change's rows and the response show the same instant.
        Instant time = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<T> recorded = new ArrayList<>(changes.size());
        List<EventEnvelope> events = new ArrayList<>(changes.size());
        List<String> traceparents = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            C change = changes.get(i);
            EventStamp stamp = new EventStamp(userIds.get(i), seqs[i], time);
            T eventData = data.apply(change, stamp);
            recorded.add(eventData);
            events.add(new EventEnvelope(UUID.randomUUID(), type, SOURCE, time, stamp.userId(), stamp.seq(),
                    EventJson.toBytes(eventData)));
            traceparents.add(traceOf.apply(change));
        }
        history.append(events);
        outbox.append(events, traceparents);
        return recorded;
    }
}
