package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.UserPartition;
import com.coaching.notifications.testsupport.TestKafka;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Partition-affine routing with the replicas changing under traffic: two gateways split the event topic's
 * partitions, a third joins, then the first is stopped, while notifications are created for every user all the
 * time. Each user's stream behaves as a browser behind a load balancer ({@link RoutedStream}). Every user must
 * receive exactly the seqs created for it, in order, none twice, and every stream must have been served by a
 * replica naming the user's own partition.
 */
class PartitionAffineRebalanceTest {

    private static final int PARTITIONS = TestKafka.PARTITIONS;
    private static final int USERS_PER_PARTITION = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void streamsFollowTheirPartitionsThroughAJoinAndALeaveAndMissNothing() throws Exception {
        try (RunningSystem system = RunningSystem.start(2, Map.of(),
                Map.of("notifications.stream.routing.mode", "partition-affine",
                        "notifications.stream.routing.group-id", "stream-gateway-affine-" + UUID.randomUUID(),
                        "notifications.stream.retry", "200ms"))) {
            List<String> live = new CopyOnWriteArrayList<>(system.gateways.stream()
                    .map(RunningSystem.Service::baseUrl).toList());
            List<String> users = users();
            List<RoutedStream> streams = new ArrayList<>();
            Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
            AtomicBoolean creating = new AtomicBoolean(true);
            AtomicReference<Throwable> trafficFailure = new AtomicReference<>();
            Thread traffic = new Thread(() -> {
                try {
                    while (creating.get()) {
                        for (String user : users) {
                            system.create(user, "Notification for " + user);
                            created.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                } catch (Throwable failure) {
                    trafficFailure.set(failure);
                }
            }, "traffic");
            try {
                for (int i = 0; i < users.size(); i++) {
                    streams.add(new RoutedStream(users.get(i), InetAddress.getByName("127.0.2." + (i + 1)),
                            () -> live, live.get(i % live.size())));
                }
                await("every stream open").atMost(TIMEOUT).untilAsserted(() -> assertThat(streams)
                        .allSatisfy(s -> assertThat(s.replica()).as(s.toString()).isPresent()));
                traffic.start();
                awaitEveryStreamReceivesMore(streams, "before the rebalances");

                String third = system.addGateway().baseUrl();
                live.add(third);
                await("the third replica serves streams").atMost(TIMEOUT).untilAsserted(() -> assertThat(streams)
                        .as(streams.toString()).anySatisfy(s -> assertThat(s.replica()).hasValue(third)));
                awaitEveryStreamReceivesMore(streams, "after the third replica joined");

                RunningSystem.Service first = system.gateways.get(0);
                live.remove(first.baseUrl());
                first.close();
                await("every stream on a replica still running").atMost(TIMEOUT).untilAsserted(() -> assertThat(streams)
                        .allSatisfy(s -> assertThat(s.replica()).as(s.toString()).get().isIn(live)));
                awaitEveryStreamReceivesMore(streams, "after the first replica left");
            } finally {
                creating.set(false);
                traffic.join(TIMEOUT.toMillis());
            }
            assertThat(trafficFailure.get()).as("creating notifications through the writer").isNull();

            try {
                for (RoutedStream stream : streams) {
                    int expected = created.get(stream.user()).get();
                    await("all " + expected + " notifications of " + stream.user()).atMost(TIMEOUT).untilAsserted(
                            () -> assertThat(stream.ids()).as(stream.toString()).hasSizeGreaterThanOrEqualTo(expected));
                }
            } finally {
                streams.forEach(RoutedStream::close);
            }
            for (RoutedStream stream : streams) {
                String partition = Integer.toString(UserPartition.of(stream.user(), PARTITIONS));
                assertThat(stream.ids()).as("seqs received by " + stream.user())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, created.get(stream.user()).get())
                                .boxed().toList());
                assertThat(stream.served()).as("streams of " + stream.user())
                        .allSatisfy(served -> assertThat(served.partition()).isEqualTo(partition));
                assertThat(stream.problems()).as("unexpected answers to " + stream.user()).isEmpty();
            }
            assertThat(streams.stream().mapToInt(RoutedStream::toldToReconnect).sum())
                    .as("streams ended for a rebalance").isPositive();
            assertThat(streams.stream().mapToInt(RoutedStream::redirects).sum())
                    .as("requests redirected to their partition's owner").isPositive();
        }
    }

    /** Waits until every stream has received at least one more notification than now. */
    private static void awaitEveryStreamReceivesMore(List<RoutedStream> streams, String when) {
        Map<RoutedStream, Integer> now = streams.stream()
                .collect(Collectors.toMap(Function.identity(), stream -> stream.ids().size()));
        await("every stream receives notifications " + when).atMost(TIMEOUT).untilAsserted(() -> assertThat(streams)
                .allSatisfy(stream -> assertThat(stream.ids()).as(stream.toString()).hasSizeGreaterThan(now.get(stream))));
    }

    private static List<String> users() {
        List<String> users = new ArrayList<>();
        int[] perPartition = new int[PARTITIONS];
        while (users.size() < PARTITIONS * USERS_PER_PARTITION) {
            String user = "user-" + UUID.randomUUID();
            int partition = UserPartition.of(user, PARTITIONS);
            if (perPartition[partition] < USERS_PER_PARTITION) {
                perPartition[partition]++;
                users.add(user);
            }
        }
        return users;
    }
}
