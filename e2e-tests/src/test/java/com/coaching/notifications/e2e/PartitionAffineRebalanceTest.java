package com.coaching.notifications.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.notifications.events.Topics;
import com.coaching.notifications.events.UserPartition;
import com.coaching.notifications.testsupport.TestKafka;
import com.coaching.notifications.testsupport.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Partition-affine routing with real processes: two gateway replicas in one consumer group, many users' clients
 * that follow the 307 to their partition's owner and, after a {@code retry:}, reconnect with {@code Last-Event-ID},
 * notifications created through the writer all along, and a third replica joining in the middle, which takes a
 * partition over. Per user, every notification arrives exactly once and in seq order, and at the end each stream
 * is held by the replica that Kafka's group says reads its user's partition.
 */
class PartitionAffineRebalanceTest {

    private static final int USERS_PER_PARTITION = 5;
    private static final Duration PACE = Duration.ofMillis(15);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String GROUP = "stream-gateway-affine-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRebalanceInTheMiddleOfTrafficLosesNothingDuplicatesNothingAndMisroutesNothing() throws Exception {
        long began = System.nanoTime();
        List<String> users = users();
        try (RunningSystem system = RunningSystem.start(0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            system.addGateways(2, PartitionAffineRebalanceTest::affine);

            AtomicBoolean running = new AtomicBoolean(true);
            List<Follower> followers = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                // Half of them start at a replica that does not read their partition: the 307 sends them on.
                Follower follower = new Follower(users.get(i), system.streamUrl(i % 2), running);
                followers.add(follower);
                follower.start();
            }
            Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
            users.forEach(user -> created.put(user, new AtomicInteger()));
            AtomicBoolean creating = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int i = 0; creating.get(); i++) {
                    String user = users.get(i % users.size());
                    system.create(user, "Notification " + (created.get(user).get() + 1));
                    created.get(user).incrementAndGet();
                    LockSupport.parkNanos(PACE.toNanos());
                }
            }, "creating-notifications");
            writer.start();

            Awaitility.await("every client streams and receives").atMost(WITHIN)
                    .until(() -> followers.stream().allMatch(f -> f.holder != null && f.seqs.size() >= 2));

            long trafficFlowing = System.nanoTime();
            RunningSystem.Service third = system.addGateways(1, PartitionAffineRebalanceTest::affine).get(0);
            long thirdReady = System.nanoTime();
            Awaitility.await("three replicas share the partitions").atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                    .until(() -> owners(admin, system).size() == TestKafka.PARTITIONS
                            && owners(admin, system).containsValue(third.baseUrl()));
            Awaitility.await("every stream is held by its partition's owner").atMost(WITHIN)
                    .until(() -> misrouted(followers, owners(admin, system)).isEmpty());
            long rebalanced = System.nanoTime();
            Map<String, Integer> atRebalance = created.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
            Awaitility.await("traffic goes on after the rebalance").atMost(WITHIN)
                    .until(() -> followers.stream().allMatch(f -> f.seqs.size() > atRebalance.get(f.user)));

            creating.set(false);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            try {
                Awaitility.await("every notification arrives").atMost(WITHIN)
                        .until(() -> followers.stream().allMatch(f -> f.seqs.size() >= created.get(f.user).get()));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("not every notification arrived; owners " + owners(admin, system) + "\n"
                        + followers.stream().map(f -> f.describe(created.get(f.user).get()))
                                .collect(Collectors.joining("\n")), e);
            }

            Map<Integer, String> owners = owners(admin, system);
            int notifications = created.values().stream().mapToInt(AtomicInteger::get).sum();
            for (Follower follower : followers) {
                assertThat(follower.seqs).as("seqs of " + follower.user).containsExactlyElementsOf(
                        LongStream.rangeClosed(1, created.get(follower.user).get()).boxed().toList());
                assertThat(follower.errors).as("unexpected answers to " + follower.user).isEmpty();
            }
            assertThat(misrouted(followers, owners)).as("streams not held by their partition's owner").isEmpty();
            int moved = followers.stream().mapToInt(f -> f.retries.get()).sum();
            int redirects = followers.stream().mapToInt(f -> f.redirects.get()).sum();
            assertThat(moved).as("streams ended by the rebalance and resumed").isPositive();
            assertThat(redirects).as("streams sent on to their owner").isPositive();
            running.set(false);
            System.out.printf("partition-affine rebalance: %d users, %d notifications, %d streams resumed after a"
                    + " retry, %d redirects, %d answered 503; traffic from %d s, third replica ready at %d s, every"
                    + " stream on its owner at %d s, all delivered at %d s%n", users.size(), notifications, moved,
                    redirects, followers.stream().mapToInt(f -> f.unavailable.get()).sum(), seconds(began, trafficFlowing),
                    seconds(began, thirdReady), seconds(began, rebalanced), seconds(began, System.nanoTime()));
        }
    }

    private static long seconds(long from, long to) {
        return TimeUnit.NANOSECONDS.toSeconds(to - from);
    }

    private static Map<String, String> affine(String baseUrl) {
        return Map.of(
                "notifications.stream.routing.mode", "partition-affine",
                "notifications.stream.routing.group-id", GROUP,
                "notifications.stream.routing.advertised-url", baseUrl,
                // The consumer's client id names the replica, so the group's description says who reads what.
                "spring.kafka.consumer.client-id", "gateway-" + URI.create(baseUrl).getPort(),
                "notifications.stream.retry", "200ms");
    }

    /** Users enough that every partition has several. */
    private static List<String> users() {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        while (byPartition.size() < TestKafka.PARTITIONS
                || byPartition.values().stream().anyMatch(u -> u.size() < USERS_PER_PARTITION)) {
            String user = "user-" + UUID.randomUUID();
            List<String> ofPartition = byPartition.computeIfAbsent(UserPartition.of(user, TestKafka.PARTITIONS),
                    p -> new ArrayList<>());
            if (ofPartition.size() < USERS_PER_PARTITION) {
                ofPartition.add(user);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).toList();
    }

    /** Partition → base URL of the replica that reads it, as the broker's group coordinator describes the group. */
    private static Map<Integer, String> owners(Admin admin, RunningSystem system) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS)
                .get(GROUP);
        Map<Integer, String> owners = new HashMap<>();
        for (MemberDescription member : group.members()) {
            String gateway = system.gateways.stream().map(RunningSystem.Service::baseUrl)
                    .filter(url -> member.clientId().contains("gateway-" + URI.create(url).getPort()))
                    .findFirst().orElseThrow();
            for (TopicPartition partition : member.assignment().topicPartitions()) {
                if (Topics.EVENTS.equals(partition.topic())) {
                    owners.put(partition.partition(), gateway);
                }
            }
        }
        return owners;
    }

    private static List<String> misrouted(List<Follower> followers, Map<Integer, String> owners) {
        return followers.stream()
                .filter(f -> f.holder == null || !f.holder.equals(owners.get(UserPartition.of(f.user, TestKafka.PARTITIONS))))
                .map(f -> f.user + " on " + f.holder)
                .toList();
    }

    /**
     * One user's client, as a browser's EventSource with the reconnection rules of the front end: follows a 307,
     * waits out a 503's {@code Retry-After}, and after a stream ends reconnects with its last event id.
     */
    private static final class Follower extends Thread {

        final String user;
        final List<Long> seqs = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final AtomicInteger redirects = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger timeouts = new AtomicInteger();
        /** Base URL of the replica streaming to this client now; null between streams. */
        volatile String holder;
        private final String token;
        private final AtomicBoolean running;
        private volatile String url;
        private long retryMillis = 200;

        Follower(String user, String url, AtomicBoolean running) {
            super("client-" + user);
            setDaemon(true);
            this.user = user;
            this.url = url;
            this.running = running;
            this.token = TestTokens.user(user);
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    // A stream's headers come with its first frame, at once; a request that gets none within the
                    // timeout is given up and made again, as a client's watchdog would.
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
                    if (!seqs.isEmpty()) {
                        request.header("Last-Event-ID", Long.toString(seqs.get(seqs.size() - 1)));
                    }
                    HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                    switch (response.statusCode()) {
                        case 200 -> stream(response);
                        case 307 -> {
                            response.body().close();
                            redirects.incrementAndGet();
                            url = response.headers().firstValue("Location").orElseThrow();
                        }
                        case 503 -> {
                            response.body().close();
                            unavailable.incrementAndGet();
                            pause(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"))));
                        }
                        default -> {
                            errors.add(response.statusCode() + " " + response.body().collect(Collectors.joining("\n")));
                            pause(Duration.ofSeconds(1));
                        }
                    }
                } catch (IOException e) {
                    // The replica went away (the test's end) or did not answer: come back after the retry delay.
                    timeouts.incrementAndGet();
                    holder = null;
                    pause(Duration.ofMillis(retryMillis));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void stream(HttpResponse<Stream<String>> response) {
            URI at = response.uri();
            holder = at.getScheme() + "://" + at.getHost() + ":" + at.getPort();
            String event = null;
            String id = null;
            Long retry = null;
            boolean endedByRetry = false;
            try (Stream<String> lines = response.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if ("notification".equals(event)) {
                            seqs.add(Long.parseLong(id));
                        }
                        if (retry != null) {
                            retryMillis = retry;
                            endedByRetry = event == null;
                        }
                        event = null;
                        id = null;
                        retry = null;
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("retry: ")) {
                        retry = Long.parseLong(line.substring(7));
                    }
                }
            } catch (RuntimeException closed) {
                // The connection broke mid-stream; resumed below like any other end.
            }
            holder = null;
            if (endedByRetry) {
                retries.incrementAndGet();
            }
            pause(Duration.ofMillis(retryMillis));
        }

        String describe(int created) {
            return user + " (partition " + UserPartition.of(user, TestKafka.PARTITIONS) + "): " + seqs.size() + " of "
                    + created + ", last " + (seqs.isEmpty() ? "none" : seqs.get(seqs.size() - 1)) + ", on " + holder
                    + ", url " + url + ", " + redirects + " redirects, " + retries + " retries, " + unavailable
                    + " 503, " + timeouts + " failed requests, state " + getState() + ", errors " + errors;
        }

        private static void pause(Duration delay) {
            LockSupport.parkNanos(delay.toNanos());
        }
    }
}
