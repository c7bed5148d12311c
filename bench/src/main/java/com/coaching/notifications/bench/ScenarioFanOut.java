package com.coaching.notifications.bench;

/**
 * The gateway alone: N users connected, events produced straight to Kafka as the writer's relay would
 * produce them, {@code events-per-connection} per user at {@code event-rate} in total. Delivery latency
 * runs from the moment of producing to receipt on the stream.
 */
final class ScenarioFanOut implements Scenario {

    @Override
    public void run(BenchRun run) {
        BenchOptions o = run.options();
        StackUnderTest stack = run.stack(false);
        BenchUsers users = run.users(o.connections());
        LoadWorkers workers = run.connect(stack, users, o.eventsPerConnection());
        try (KafkaEventSource source = new KafkaEventSource(stack.kafkaBootstrap())) {
            run.put("produced", source.send(users.ids(), o.eventsPerConnection(), o.eventRate()));
        }
        run.collect(workers, true);
    }
}
