package com.coaching.notifications.gateway.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;

/**
 * The open SSE connections of this replica, by user. Read by the Kafka consumer and the heartbeat
 * ticker, changed by request threads; every method is safe from any thread and never blocks for long.
 * Each user's connections are kept in an immutable list replaced on change, so readers iterate without
 * locks and most users (one or two tabs) cost one small list.
 */
@Component
public class ConnectionRegistry {

    private final ConcurrentHashMap<String, List<Connection>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    public void add(Connection connection) {
        byUser.compute(connection.userId(), (user, current) -> {
            List<Connection> next = new ArrayList<>(current == null ? 1 : current.size() + 1);
            if (current != null) {
                next.addAll(current);
            }
            next.add(connection);
            size.incrementAndGet();
            return List.copyOf(next);
        });
    }

    /** Forgets the connection; a second call for the same connection does nothing. */
    public void remove(Connection connection) {
        byUser.computeIfPresent(connection.userId(), (user, current) -> {
            if (!current.contains(connection)) {
                return current;
            }
            size.decrementAndGet();
            List<Connection> next = new ArrayList<>(current);
            next.remove(connection);
            return next.isEmpty() ? null : List.copyOf(next);
        });
    }

    /** The user's open connections on this replica; empty when there are none. */
    public List<Connection> connections(String userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    public int connectionsOf(String userId) {
        return connections(userId).size();
    }

    /** Open connections on this replica, all users. */
    public int size() {
        return size.get();
    }

    /** Visits every user with open connections (weakly consistent: connections opened meanwhile may be missed). */
    public void forEachUser(BiConsumer<String, List<Connection>> action) {
        byUser.forEach(action);
    }
}
