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

    /** What {@link #tryAdd} did. */
    public enum Admission { ADDED, USER_FULL, REPLICA_FULL }

    /**
     * Adds the connection unless its user already has {@code maxPerUser} connections or this replica
     * {@code maxTotal}; both checks are atomic with the addition.
     */
    public Admission tryAdd(Connection connection, int maxPerUser, int maxTotal) {
        if (size.incrementAndGet() > maxTotal) {
            size.decrementAndGet();
            return Admission.REPLICA_FULL;
        }
        boolean[] added = new boolean[1];
        byUser.compute(connection.userId(), (user, current) -> {
            int count = current == null ? 0 : current.size();
            if (count >= maxPerUser) {
                return current;
            }
            List<Connection> next = new ArrayList<>(count + 1);
            if (current != null) {
                next.addAll(current);
            }
            next.add(connection);
            added[0] = true;
            return List.copyOf(next);
        });
        if (!added[0]) {
            size.decrementAndGet();
            return Admission.USER_FULL;
        }
        return Admission.ADDED;
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

    /** Open connections on this replica, all users. */
    public int size() {
        return size.get();
    }

    /** Visits every user with open connections (weakly consistent: connections opened meanwhile may be missed). */
    public void forEachUser(BiConsumer<String, List<Connection>> action) {
        byUser.forEach(action);
    }
}
