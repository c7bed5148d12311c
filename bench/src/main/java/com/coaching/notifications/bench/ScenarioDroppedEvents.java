package com.coaching.notifications.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a gateway pays for the records of the event topic that none of its streams wants: every replica
 * reads every partition and drops the records of users it does not hold. N users stay connected (so the
 * stream path is there, as on a real replica) while events for 1,000 other users are produced straight
 * to Kafka (as the writer's relay would) at each rate of {@code steps}, each for {@code step-hold}. Per
 * step: the rate offered, the rate the producer reached, the rate the gateway read and the records per
 * fetch request (its consumer's own counts), and the gateway's process CPU over the step, from when
 * producing starts until the gateway has read everything sent. The curve's slope ({@link DropCurve}) is the cost per 1,000 dropped events/s.
 */
final class ScenarioDroppedEvents implements Scenario {

    /** Users whose events are produced and none of whom is connected; enough to spread over every partition. */
    private static final int OTHER_USERS = 1000;
    /** Events read before the first step, unmeasured, so the JIT has compiled the consumer's path. */
    private static final int WARM_UP_EVENTS = 20_000;

    @Override
    public void run(BenchRun run) {
        BenchOptions o = run.options();
        RateSteps steps = o.rateSteps();
        if (o.gateways() != 1) {
            throw new IllegalArgumentException("dropped-events measures one gateway: --gateways 1");
        }
        StackUnderTest stack = run.stack(false);
        BenchUsers users = run.users(o.connections());
        ProcessSampler gateway = new ProcessSampler(stack.gatewayPids());
        GatewayConsumerMetrics consumer = new GatewayConsumerMetrics(stack.gatewayUrls().get(0));
        LoadWorkers workers = run.connect(stack, users, 0);

        List<Map<String, Object>> measured = new ArrayList<>();
        List<DropCurve.Point> points = new ArrayList<>();
        try (KafkaEventSource source = new KafkaEventSource(stack.kafkaBootstrap())) {
            long before = consumer.read().records();
            Map<String, Object> warmUp = source.send(otherUsers("warm-up"), WARM_UP_EVENTS / OTHER_USERS, 0);
            warmUp.put("read_by_gateway", consumer.awaitRecords(before + WARM_UP_EVENTS, run.remaining()).records() - before);
            run.put("warm_up", warmUp);

            for (int i = 0; i < steps.rates().size(); i++) {
                int rate = steps.rates().get(i);
                GatewayConsumerMetrics.Reading readBefore = consumer.read();
                ProcessSampler.Sample start = gateway.sample();
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("offered_per_second", rate);
                long sent;
                if (rate == 0) {
                    BenchRun.measureFor(steps.hold());
                    sent = 0;
                } else {
                    Map<String, Object> produced = source.send(otherUsers("step-" + i),
                            steps.eventsPerUser(rate, OTHER_USERS), rate);
                    sent = ((Number) produced.get("produced")).longValue();
                    double seconds = ((Number) produced.get("seconds")).doubleValue();
                    step.put("produced", produced);
                    step.put("producer_reached_per_second", round(sent / seconds));
                }
                GatewayConsumerMetrics.Reading readAfter = consumer.awaitRecords(readBefore.records() + sent, run.remaining());
                ProcessSampler.Sample end = gateway.sample();
                double seconds = (end.nanoTime() - start.nanoTime()) / 1e9;
                long records = readAfter.records() - readBefore.records();
                long fetches = readAfter.fetches() - readBefore.fetches();
                double readPerSecond = records / seconds;
                double cpu = gateway.cpuPercent(start, end);
                step.put("seconds", round(seconds));
                step.put("read_by_gateway", records);
                step.put("gateway_read_per_second", round(readPerSecond));
                step.put("gateway_fetches_per_second", round(fetches / seconds));
                step.put("records_per_fetch", fetches == 0 ? 0 : round((double) records / fetches));
                step.put("gateway_cpu_percent_of_one_core", round(cpu));
                step.put("gateway_rss_mb", round(end.rssKb() / 1024.0));
                measured.add(step);
                points.add(new DropCurve.Point(rate, readPerSecond, cpu));
                run.check(TargetCheck.equal("records read by the gateway at " + rate + "/s", sent, records));
            }
        }
        DropCurve curve = new DropCurve(points);
        for (int i = 0; i < measured.size(); i++) {
            measured.get(i).put("cpu_percent_per_1000_per_second_above_lowest",
                    round(curve.percentPerThousandAboveLowest(points.get(i))));
        }
        run.put("steps", measured);
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("cpu_percent_of_one_core_per_1000_dropped_per_second", round(curve.slopePercentPerThousand()));
        fit.put("cpu_percent_at_zero", round(curve.interceptPercent()));
        run.put("curve", fit);
        run.collect(workers, false);
    }

    private static List<String> otherUsers(String phase) {
        return IntStream.range(0, OTHER_USERS).mapToObj(k -> "elsewhere-" + phase + "-" + k).toList();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
