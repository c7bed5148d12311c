package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.events.UserPartition;
import com.coaching.notifications.gateway.routing.OwnersAssignor;
import com.coaching.notifications.gateway.routing.PartitionOwnership;
import com.coaching.notifications.gateway.routing.Route;
import com.coaching.notifications.gateway.routing.RoutingMode;
import com.coaching.notifications.gateway.routing.RoutingProperties;
import com.coaching.notifications.gateway.routing.StreamRedirects;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Partition-affine mode: this gateway shares its consumer group with another member (a plain Kafka consumer
 * that advertises another replica's URL through the same assignor). A stream of a partition the other member
 * reads is redirected there with 307; a stream of one this gateway reads is served; when the other member joins,
 * the streams of the partitions this gateway gives up end with a {@code retry:}, and those it keeps go on
 * without missing an event.
 */
class PartitionAffineRoutingTest extends GatewayIntegrationTest {

    private static final URI THIS_REPLICA = URI.create("http://gateway-1.test:8082");
    private static final URI OTHER_REPLICA = URI.create("http://gateway-2.test:8083");
    private static final String GROUP = "stream-gateway-affine-" + UUID.randomUUID();

    @Autowired
    PartitionOwnership ownership;

    @DynamicPropertySource
    static void affine(DynamicPropertyRegistry properties) {
        properties.add("notifications.stream.routing.mode", () -> "partition-affine");
        properties.add("notifications.stream.routing.group-id", () -> GROUP);
        properties.add("notifications.stream.routing.advertised-url", THIS_REPLICA::toString);
    }

    @Test
    void streamsGoToTheReplicaThatReadsTheirPartitionAndMoveWithIt() throws Exception {
        await().atMost(TIMEOUT).until(() -> ownership.ownedPartitions() == TestKafka.PARTITIONS);
        List<String> users = IntStream.range(0, TestKafka.PARTITIONS).mapToObj(PartitionAffineRoutingTest::userOf)
                .toList();
        Map<String, SseClient> streams = new HashMap<>();
        for (String user : users) {
            SseClient client = connected(user);
            assertThat(client.response(TIMEOUT).headers().getFirst(StreamRedirects.PARTITION_HEADER))
                    .isEqualTo(Integer.toString(UserPartition.of(user, TestKafka.PARTITIONS)));
            streams.put(user, client);
        }

        AtomicBoolean running = new AtomicBoolean(true);
        Thread other = otherMember(running);
        try {
            await("the other member takes partitions").atMost(Duration.ofSeconds(30))
                    .until(() -> ownership.ownedPartitions() > 0 && ownership.ownedPartitions() < TestKafka.PARTITIONS);
            Set<String> moved = users.stream().filter(user -> !ownership.servesHere(user)).collect(Collectors.toSet());
            assertThat(moved).isNotEmpty().hasSizeLessThan(users.size());

            for (String user : users) {
                SseClient client = streams.get(user);
                if (moved.contains(user)) {
                    await("the stream of " + user + " ends").atMost(TIMEOUT).until(client::ended);
                    assertThat(client.received()).last().satisfies(frame -> assertThat(frame.retry()).isNotNull());
                    // Cooperative rebalancing hands a partition over in two rounds; in between it has no owner (503).
                    await("the other member owns the partition of " + user).atMost(TIMEOUT)
                            .until(() -> ownership.route(user) instanceof Route.Elsewhere);
                    assertRedirectedToTheOtherReplica(user);
                } else {
                    // Published after the rebalance: a kept partition was never revoked, so nothing is missed.
                    assertThat(publish(notification(user, 1, "After the rebalance")).partition())
                            .as("the producer's partition of " + user)
                            .isEqualTo(UserPartition.of(user, TestKafka.PARTITIONS));
                    assertThat(client.awaitEvent("notification", TIMEOUT).id()).isEqualTo("1");
                    assertThat(client.ended()).isFalse();
                }
            }
        } finally {
            running.set(false);
            other.join(Duration.ofSeconds(30).toMillis());
            streams.values().forEach(SseClient::close);
        }
    }

    private void assertRedirectedToTheOtherReplica(String user) throws Exception {
        int partition = UserPartition.of(user, TestKafka.PARTITIONS);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(streamUrl() + "?lastEventId=5"))
                .header("Authorization", "Bearer " + TestTokens.user(user)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(307);
        assertThat(response.headers().firstValue("Location")).hasValue(
                OTHER_REPLICA + "/api/notifications/stream?lastEventId=5&partition=" + partition);
        assertThat(response.headers().firstValue(StreamRedirects.PARTITION_HEADER)).hasValue(Integer.toString(partition));
    }

    /** A member of the same group that advertises {@link #OTHER_REPLICA}, polling until told to stop. */
    private static Thread otherMember(AtomicBoolean running) {
        PartitionOwnership others = new PartitionOwnership(new RoutingProperties(RoutingMode.PARTITION_AFFINE, GROUP,
                OTHER_REPLICA, Duration.ofSeconds(1)));
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(OwnersAssignor.class));
        config.put(OwnersAssignor.OWNERSHIP_CONFIG, others);
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.EVENTS));
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(100));
                }
            }
        }, "other-gateway-member");
        thread.start();
        return thread;
    }

    private static String userOf(int partition) {
        String user = newUserId();
        while (UserPartition.of(user, TestKafka.PARTITIONS) != partition) {
            user = newUserId();
        }
        return user;
    }
}
