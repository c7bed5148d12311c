package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.CloudEventHeaders;
import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two writer replicas on one database, both relaying: the relay partitions are shared between them
 * through the advisory locks, and every user's events arrive complete and in seq order.
 */
class TwoWritersTest {

    private static final int USERS = 8;
    private static final int PER_USER = 25;

    @Test
    void twoReplicasRelayingAtOnceLoseNothingAndKeepEachUsersOrder() throws Exception {
        TestPostgres database = TestPostgres.newDatabase();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add("user-" + UUID.randomUUID());
        }
        try (WriterInstance first = WriterInstance.start(database, TestKafka.bootstrapServers());
             WriterInstance second = WriterInstance.start(database, TestKafka.bootstrapServers())) {
            List<WriterClient> replicas = List.of(first.client(), second.client());
            ExecutorService pool = Executors.newFixedThreadPool(USERS);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (String user : users) {
                    // Each user's changes alternate between the replicas.
                    writes.add(pool.submit(() -> {
                        for (int n = 0; n < PER_USER; n++) {
                            replicas.get(n % 2).create(user, "n" + n);
                        }
                    }));
                }
                for (Future<?> write : writes) {
                    write.get();
                }
            } finally {
                pool.shutdownNow();
            }
            JdbcClient jdbc = first.context.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("select count(*) from outbox").query(Long.class).single() == 0);
            assertThat(first.published()).as("the first replica published").isPositive();
            assertThat(second.published()).as("the second replica published").isPositive();
            assertThat(first.published() + second.published()).isGreaterThanOrEqualTo(USERS * PER_USER);
        }

        List<ConsumerRecord<String, byte[]>> all = TopicReader.all();
        for (String user : users) {
            List<Long> seqs = all.stream().filter(r -> user.equals(r.key()))
                    .map(r -> Long.parseLong(EventEnvelope.header(r.headers(), CloudEventHeaders.SEQ)))
                    .toList();
            assertThat(seqs).as("seqs of %s in topic order", user)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, PER_USER).boxed().toList());
        }
    }
}
