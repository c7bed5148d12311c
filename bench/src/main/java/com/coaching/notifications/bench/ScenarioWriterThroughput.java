package com.coaching.notifications.bench;

/**
 * How many notifications per second the writer creates (201 answered: stored, sequenced, in the
 * outbox), as fast as {@code concurrency} requests in flight allow, first for users nobody is
 * connected as, then spread over N connected users, whose streams must then carry every one of them.
 * A short warm-up first, so the first phase does not pay for the writer's JIT alone.
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

            WriterClient.Outcome alone = writer.create(o.posts(), 0, o.concurrency(),
                    i -> WriterClient.notification("unconnected-" + i % 1000, "Throughput #" + i), run.remaining());
            run.put("without_clients", alone.summary());
            run.check(TargetCheck.equal("created without clients (201)", o.posts(), alone.created()));

            LoadWorkers workers = run.connect(stack, users, perUser);
            WriterClient.Outcome connected = writer.create(withClients, 0, o.concurrency(),
                    i -> WriterClient.notification(users.id(i % users.count()), "Throughput #" + i), run.remaining());
            run.put("with_clients", connected.summary());
            run.check(TargetCheck.equal("created with clients (201)", withClients, connected.created()));
            run.collect(workers, false);
        }
    }
}
