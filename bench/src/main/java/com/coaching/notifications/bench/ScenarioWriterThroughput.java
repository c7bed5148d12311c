package com.coaching.notifications.bench;

import java.util.Map;

/**
 * How many notifications per second the writer creates (201 answered: stored, sequenced, in the
 * outbox), as fast as {@code concurrency} requests in flight allow, first for users nobody is
 * connected as, then spread over N connected users, whose streams must then carry every one of them.
 * A short warm-up first, so the first phase does not pay for the writer's JIT alone. The first phase
 * also waits for Kafka's acknowledgement of every event it created, and reads the relay's latency
 * histogram from the writer's metrics (see {@link WriterMetrics}).
 */
final class ScenarioWriterThroughput implements Scenario {

    @Override
    public void run(BenchRun run) {
        BenchOptions o = run.options();
        StackUnderTest stack = run.stack(true);
        BenchUsers users = run.users(o.connections());
        int perUser = Math.max(1, o.posts() / users.count());
        int withClients = perUser * users.count();
        try (WriterClient writer = new WriterClient(stack.writerUrl(), o.concurrency(), run.tokenLifetime())) {
            int warmUp = Math.min(500, o.posts() / 4);
            writer.create(warmUp, 0, o.concurrency(), i -> WriterClient.notification("warm-up-" + i, "Warm-up"), run.remaining());
            run.put("warm_up_posts", warmUp);

            WriterMetrics relay = new WriterMetrics(stack.writerUrl());
            WriterMetrics.Reading before = relay.awaitPublished(warmUp, run.remaining());
            long start = System.nanoTime();
            WriterClient.Outcome alone = writer.create(o.posts(), 0, o.concurrency(),
                    i -> WriterClient.notification("unconnected-" + i % 1000, "Throughput #" + i), run.remaining());
            WriterMetrics.Reading after = relay.awaitPublished(before.published() + alone.created(), run.remaining());
            double toAck = (System.nanoTime() - start) / 1e9;
            Map<String, Object> aloneSummary = alone.summary();
            aloneSummary.put("relay", WriterMetrics.summary(before, after));
            aloneSummary.put("seconds_until_all_acknowledged", Math.round(toAck * 1000) / 1000.0);
            aloneSummary.put("acknowledged_per_second", Math.round((after.published() - before.published()) / toAck * 10) / 10.0);
            run.put("without_clients", aloneSummary);
            run.check(TargetCheck.equal("created without clients (201)", o.posts(), alone.created()));
            run.check(TargetCheck.equal("acknowledged by Kafka without clients", alone.created(),
                    after.published() - before.published()));
            run.check(TargetCheck.atLeast("notifications/s through the API to Kafka acknowledgement", 5000, "/s",
                    (after.published() - before.published()) / toAck));
            run.check(TargetCheck.atMost("change to Kafka acknowledgement p99", 20, "ms",
                    after.quantileMillisSince(before, 0.99)));

            LoadWorkers workers = run.connect(stack, users, perUser);
            WriterClient.Outcome connected = writer.create(withClients, 0, o.concurrency(),
                    i -> WriterClient.notification(users.id(i % users.count()), "Throughput #" + i), run.remaining());
            run.put("with_clients", connected.summary());
            run.check(TargetCheck.equal("created with clients (201)", withClients, connected.created()));
            run.collect(workers, false);
        }
    }
}
