package com.coaching.notifications.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** A user's partition is the one the writer's producer sends the user's events to, whatever the id's characters. */
class UserPartitionTest {

    @Test
    void isThePartitionKafkasProducerPicksForTheIdsUtf8Bytes() {
        // KafkaProducer, given a key and no partitioner of its own, asks BuiltInPartitioner.partitionForKey.
        for (int partitions : new int[] {1, 3, 7, 12, 64}) {
            for (String userId : userIds()) {
                assertThat(UserPartition.of(userId, partitions)).as("%s of %d", userId, partitions).isEqualTo(
                        BuiltInPartitioner.partitionForKey(userId.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void aTopicWithoutPartitionsHasNoPartitionForAnyone() {
        assertThatThrownBy(() -> UserPartition.of("u-1", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> userIds() {
        List<String> ids = new ArrayList<>(List.of("u-1", "alice", "bob@example.com", "user:42", "Zoë", "ユーザー",
                "пользователь", "😀-emoji", "a", ""));
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            ids.add("user-" + UUID.randomUUID());
            StringBuilder any = new StringBuilder();
            int length = 1 + random.nextInt(40);
            while (any.length() < length) {
                int codePoint = random.nextInt(0x10FFFF);
                if (Character.isDefined(codePoint) && !Character.isSurrogate((char) codePoint)) {
                    any.appendCodePoint(codePoint);
                }
            }
            ids.add(any.toString());
        }
        return ids;
    }
}
