package com.coaching.notifications.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One notification to every connected user (the story's AC5: all users within 2 seconds). Uses the
 * writer's {@code POST /api/notifications/broadcast} when the writer has it; when it answers 404 or
 * 405, sends one {@code POST /api/notifications} per user instead ({@code concurrency} in flight) and
 * says so in the summary, since that measures the writer's per-request path, not a broadcast. The
 * figure is the time from sending the first request to the last user's receipt.
 */
final class ScenarioBroadcast implements Scenario {

    @Override
    public void run(BenchRun run) {
        BenchOptions o = run.options();
        StackUnderTest stack = run.stack(true);
        BenchUsers users = run.users(o.connections());
        LoadWorkers workers = run.connect(stack, users, 1);
        Map<String, Object> b = new LinkedHashMap<>();
        long startMicros;
        try (WriterClient writer = new WriterClient(stack.writerUrl(), o.concurrency(), run.tokenLifetime())) {
            startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            WriterClient.Broadcast broadcast = writer.broadcast(users.ids(), "Broadcast", run.remaining());
            if (broadcast.present()) {
                b.put("mode", "broadcast endpoint");
                b.put("status", broadcast.status());
            } else {
                b.put("mode", "fallback: POST /api/notifications/broadcast answered " + broadcast.status()
                        + ", so one POST /api/notifications per user was sent instead");
                WriterClient.Outcome created = writer.create(users.count(), 0, o.concurrency(),
                        i -> WriterClient.notification(users.id(i), "Broadcast"), run.remaining());
                b.put("single_posts", created.summary());
                run.check(TargetCheck.equal("notifications created (201)", users.count(), created.created()));
            }
        }
        LoadWorkers.Delivered delivered = run.collect(workers, true);
        Double lastMs = delivered.notifications() == 0 ? null
                : (delivered.lastReceiptEpochMicros() - startMicros) / 1000.0;
        b.put("last_user_received_after_ms", lastMs);
        run.put("broadcast", b);
        run.check(TargetCheck.atMost("broadcast: last user has it after", 2000, "ms", lastMs));
    }
}
