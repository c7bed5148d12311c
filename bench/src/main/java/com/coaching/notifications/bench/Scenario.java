package com.coaching.notifications.bench;

import java.util.List;

/** One benchmark procedure: starts what it needs through {@link BenchRun}, measures, records. */
interface Scenario {

    List<String> NAMES = List.of("fan-out", "end-to-end", "writer-throughput", "request-topic", "idle-hold", "broadcast",
            "dashboard", "dropped-events");

    void run(BenchRun run);

    static Scenario named(String name) {
        return switch (name) {
            case "fan-out" -> new ScenarioFanOut();
            case "end-to-end" -> new ScenarioEndToEnd();
            case "writer-throughput" -> new ScenarioWriterThroughput();
            case "request-topic" -> new ScenarioRequestTopic();
            case "idle-hold" -> new ScenarioIdleHold();
            case "broadcast" -> new ScenarioBroadcast();
            case "dashboard" -> new ScenarioDashboard();
            case "dropped-events" -> new ScenarioDroppedEvents();
            default -> throw new IllegalArgumentException("unknown scenario " + name + "; known: " + NAMES);
        };
    }
}
