package com.coaching.notifications.bench;

/**
 * The whole path: N users connected; notifications created through the writer's API
 * ({@code events-per-connection} per user at {@code event-rate}, at most {@code concurrency} in flight),
 * committed to PostgreSQL, relayed through the outbox to Kafka, streamed by the gateway. Delivery
 * latency runs from the notification's {@code created_at} (set by the writer in the creating
 * transaction) to receipt, which is the story's "from creation to frontend receipt".
 */
final class ScenarioEndToEnd implements Scenario {

    @Override
    public void run(BenchRun run) {
        BenchOptions o = run.options();
        StackUnderTest stack = run.stack(true);
        BenchUsers users = run.users(o.connections());
        LoadWorkers workers = run.connect(stack, users, o.eventsPerConnection());
        int total = users.count() * o.eventsPerConnection();
        try (WriterClient writer = new WriterClient(stack.writerUrl(), o.concurrency(), run.tokenLifetime())) {
            WriterClient.Outcome created = writer.create(total, o.eventRate(), o.concurrency(),
                    i -> WriterClient.notification(users.id(i % users.count()), "End to end #" + i), run.remaining());
            run.put("created", created.summary());
            run.check(TargetCheck.equal("notifications created (201)", total, created.created()));
        }
        run.collect(workers, true);
    }
}
