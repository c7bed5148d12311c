package com.coaching.notifications.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of {@link Topics#EVENTS} that holds a user's events: the one Kafka's default partitioner picks
 * for the record key, the user id in UTF-8, {@code toPositive(murmur2(key)) % partitions}. The writer never sets
 * a partition itself, so this is where every event of the user goes, and where a partition-affine gateway looks
 * to find the replica that reads them. A proxy or client that computes the same needs only murmur2 (seed
 * {@code 0x9747b28c}) over the id's UTF-8 bytes.
 */
public final class UserPartition {

    private UserPartition() {
    }

    /** The user's partition among {@code partitions}; the topic must have at least one. */
    public static int of(String userId, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
