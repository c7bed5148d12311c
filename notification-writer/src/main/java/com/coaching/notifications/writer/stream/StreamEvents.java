package com.coaching.notifications.writer.stream;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.writer.outbox.Outbox;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a change's events go, in the change's transaction: the outbox (for Kafka) and the history
 * (for resume). Both or neither.
 */
@Component
public class StreamEvents {

    private final Outbox outbox;
    private final StreamHistory history;

    public StreamEvents(Outbox outbox, StreamHistory history) {
        this.outbox = outbox;
        this.history = history;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return;
        }
        history.append(events);
        outbox.append(events);
    }
}
