package com.coaching.notifications.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Small runs of every scenario against the real processes, so the tool cannot rot: each summary must
 * be complete and sane (everyone connected, every seq delivered once, latencies present and ordered,
 * every target checked) and every process the run started must be gone afterwards. Whether the targets
 * were met is not asserted: on a shared build machine that is a measurement, not a property of the code.
 */
@SuppressWarnings("unchecked")
class ScenariosTest {

    @Test
    void fanOutOverTwoWorkersTwoSourceAddressesAndTwoGatewaysDeliversEverySeqOnce() {
        Map<String, Object> s = Bench.run("fan-out", "--connections", "200", "--workers", "2", "--sources", "2",
                "--gateways", "2", "--events-per-connection", "3", "--deadline", "3m");

        assertRanToTheEnd(s);
        assertAllConnected(s, 200);
        assertThat((List<?>) at(s, "connections.worker_pids")).hasSize(2);
        assertThat((List<?>) at(s, "processes.gateways")).hasSize(2);
        assertThat((List<Object>) at(s, "options.source_addresses")).containsExactly("127.0.0.2", "127.0.0.3");
        assertThat(at(s, "produced.produced")).isEqualTo(600);
        assertDeliveredExactlyOnce(s, 600);
        assertEverythingStopped(s);
    }

    @Test
    void endToEndThroughTheWriterDeliversEveryCreatedNotificationOnce() {
        Map<String, Object> s = Bench.run("end-to-end", "--connections", "100", "--events-per-connection", "2",
                "--event-rate", "100", "--deadline", "3m");

        assertRanToTheEnd(s);
        assertAllConnected(s, 100);
        assertThat(at(s, "created.created")).isEqualTo(200);
        assertDeliveredExactlyOnce(s, 200);
        assertEverythingStopped(s);
    }

    @Test
    void writerThroughputIsMeasuredWithoutAndWithConnectedClients() {
        Map<String, Object> s = Bench.run("writer-throughput", "--connections", "50", "--posts", "200",
                "--deadline", "3m");

        assertRanToTheEnd(s);
        assertThat(at(s, "without_clients.created")).isEqualTo(200);
        assertThat((Double) at(s, "without_clients.posts_per_second")).isPositive();
        assertThat(at(s, "with_clients.created")).isEqualTo(200);
        assertThat((Double) at(s, "with_clients.posts_per_second")).isPositive();
        assertThat(at(s, "without_clients.relay.acknowledged_by_kafka")).isEqualTo(200L);
        assertThat((Double) at(s, "without_clients.acknowledged_per_second")).isPositive();
        double p50 = (Double) at(s, "without_clients.relay.change_to_kafka_ack_p50_ms");
        assertThat(p50).isPositive().isLessThanOrEqualTo((Double) at(s, "without_clients.relay.change_to_kafka_ack_p99_ms"));
        assertTargetsChecked(s, "notifications/s through the API to Kafka acknowledgement",
                "change to Kafka acknowledgement p99");
        assertAllConnected(s, 50);
        assertDeliveredExactlyOnce(s, 200);
        assertEverythingStopped(s);
    }

    @Test
    void requestTopicThroughputIsMeasuredUntilKafkaAcknowledgedEveryRequest() {
        Map<String, Object> s = Bench.run("request-topic", "--requests", "400", "--deadline", "3m");

        assertRanToTheEnd(s);
        assertThat(at(s, "requests.produced.failed")).isEqualTo(0);
        assertThat(at(s, "requests.acknowledged_by_kafka")).isEqualTo(400L);
        assertThat((Double) at(s, "requests.acknowledged_per_second")).isPositive();
        assertThat((Long) at(s, "requests.largest_outbox_backlog")).isNotNegative();
        assertThat((Double) at(s, "requests.writer_cpu_ms_per_notification")).isPositive();
        assertTargetsChecked(s, "notifications/s from the request topic to Kafka acknowledgement",
                "change to Kafka acknowledgement p99");
        assertEverythingStopped(s);
    }

    @Test
    void idleHoldMeasuresTheGatewaysMemoryAndCpuAgainstABaselineOfTheSameRun() {
        Map<String, Object> s = Bench.run("idle-hold", "--connections", "200", "--gateways", "2", "--baseline", "2s",
                "--hold", "3s", "--heartbeat", "1s", "--gateway-jvm", "-XX:NativeMemoryTracking=summary",
                "--deadline", "3m");

        assertRanToTheEnd(s);
        assertAllConnected(s, 200);
        // Two replicas: every figure is their sum, so the 200 streams count whichever replica holds them.
        assertThat(at(s, "gateway.replicas")).isEqualTo(2);
        assertThat((Double) at(s, "gateway.baseline.live_heap_mb")).isPositive();
        assertThat((Double) at(s, "gateway.held.rss_mb")).isPositive();
        // Two hundred open streams hold live objects in the gateway: the delta cannot be zero or negative.
        assertThat((Long) at(s, "gateway.live_heap_per_connection_bytes")).isPositive();
        assertThat((Integer) at(s, "gateway.held.open_files")).isGreaterThan(200);
        List<?> topClasses = (List<?>) at(s, "gateway.live_heap_per_connection_top_classes");
        assertThat(topClasses).isNotEmpty();
        assertThat((Long) ((Map<?, ?>) topClasses.get(0)).get("bytes_per_connection")).isPositive();
        assertThat(at(s, "gateway.cpu_percent_of_one_core_per_100_connections")).isInstanceOf(Double.class);
        // Native memory tracking was on: the JVM's own categories, summed over both replicas.
        assertThat((Map<String, Object>) at(s, "gateway.native_memory_per_connection_bytes"))
                .containsKeys("Total", "Java Heap", "Thread", "Other");
        assertThat(at(s, "gateway.kernel_slab_kb.per_connection_bytes_both_ends")).isInstanceOf(Long.class);
        // A one-second heartbeat for three seconds: every stream is alive and heard from.
        assertThat((Long) at(s, "gateway.heartbeats_received")).isGreaterThanOrEqualTo(200);
        assertThat(at(s, "delivery.closed_by_server")).isEqualTo(0L);
        assertTargetsChecked(s, "memory per connection (RSS delta)", "memory per connection (live heap delta)",
                "CPU per 100 connections (of one core)");
        assertEverythingStopped(s);
    }

    @Test
    void broadcastReachesEveryConnectedUserAndSaysHowItWasSent() {
        Map<String, Object> s = Bench.run("broadcast", "--connections", "100", "--deadline", "3m");

        assertRanToTheEnd(s);
        assertAllConnected(s, 100);
        assertDeliveredExactlyOnce(s, 100);
        assertThat((String) at(s, "broadcast.mode")).isNotBlank();
        assertThat((Double) at(s, "broadcast.last_user_received_after_ms")).isPositive();
        assertTargetsChecked(s, "broadcast: last user has it after");
        assertEverythingStopped(s);
    }

    @Test
    void droppedEventsMeasuresTheGatewaysCpuAtEachRateItReadForUsersItDoesNotHold() {
        Map<String, Object> s = Bench.run("dropped-events", "--connections", "20", "--steps", "0,500,1000",
                "--step-hold", "2s", "--deadline", "3m");

        assertRanToTheEnd(s);
        assertAllConnected(s, 20);
        assertThat((Long) at(s, "warm_up.read_by_gateway")).isGreaterThanOrEqualTo(20_000L);
        List<Map<String, Object>> steps = (List<Map<String, Object>>) s.get("steps");
        assertThat(steps).extracting(step -> step.get("offered_per_second")).containsExactly(0, 500, 1000);
        // Every record sent in a step was read by the gateway in it, and none reached a connected stream.
        assertThat(steps).extracting(step -> step.get("read_by_gateway")).containsExactly(0L, 1000L, 2000L);
        assertThat(steps.get(1)).containsKey("producer_reached_per_second");
        assertThat((Double) steps.get(2).get("gateway_read_per_second")).isPositive();
        assertThat((Double) steps.get(2).get("records_per_fetch")).isPositive();
        assertThat(steps).allSatisfy(step -> assertThat((Double) step.get("gateway_cpu_percent_of_one_core")).isPositive());
        assertThat(at(s, "curve.cpu_percent_of_one_core_per_1000_dropped_per_second")).isInstanceOf(Double.class);
        assertThat(at(s, "delivery.received")).isEqualTo(0L);
        assertThat(at(s, "delivery.closed_by_server")).isEqualTo(0L);
        assertTargetsChecked(s, "records read by the gateway at 1000/s");
        assertEverythingStopped(s);
    }

    @Test
    void aRunThatOutlivesItsHardDeadlineStopsEverythingAndSaysSo() {
        long start = System.nanoTime();
        Map<String, Object> s = Bench.run("idle-hold", "--connections", "10", "--hold", "10m", "--deadline", "20s");

        assertThat(s.get("status")).isEqualTo("deadline exceeded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        assertEverythingStopped(s);
    }

    private static void assertRanToTheEnd(Map<String, Object> s) {
        assertThat(s.get("status")).as("%s", s.get("error")).isIn("met", "not met");
        assertThat((List<?>) s.get("targets")).isNotEmpty();
        assertThat(s).containsKeys("options", "machine", "processes", "duration_s");
    }

    private static void assertAllConnected(Map<String, Object> s, int n) {
        assertThat(at(s, "connections.requested")).isEqualTo(n);
        assertThat(at(s, "connections.connected")).as("%s", at(s, "connections.failure_reasons")).isEqualTo(n);
        assertThat(at(s, "connections.failed")).isEqualTo(0);
        assertLatencySane(at(s, "connections.connect_latency"), n);
    }

    private static void assertDeliveredExactlyOnce(Map<String, Object> s, long events) {
        assertThat(at(s, "delivery.received")).isEqualTo(events);
        assertThat(at(s, "delivery.missing")).isEqualTo(0L);
        assertThat(at(s, "delivery.duplicates")).isEqualTo(0L);
        assertThat(at(s, "delivery.out_of_order")).isEqualTo(0L);
        assertThat(at(s, "delivery.unexpected")).isEqualTo(0L);
        assertLatencySane(at(s, "delivery.latency_from_created_at"), events);
    }

    private static void assertLatencySane(Object summary, long count) {
        Map<?, ?> l = (Map<?, ?>) summary;
        assertThat(((Number) l.get("count")).longValue()).isEqualTo(count);
        assertThat(l.get("out_of_range")).isEqualTo(0L);
        double p50 = (Double) l.get("p50_ms");
        double p95 = (Double) l.get("p95_ms");
        double p99 = (Double) l.get("p99_ms");
        double max = (Double) l.get("max_ms");
        assertThat(p50).isPositive().isLessThanOrEqualTo(p95);
        assertThat(p95).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(max);
    }

    private static void assertTargetsChecked(Map<String, Object> s, String... names) {
        List<Object> checked = ((List<?>) s.get("targets")).stream().map(t -> (Object) ((Map<?, ?>) t).get("name")).toList();
        assertThat(checked).contains((Object[]) names);
    }

    /** Every PID in the summary (broker, services, workers) belongs to a process that has ended. */
    private static void assertEverythingStopped(Map<String, Object> s) {
        List<Long> pids = new ArrayList<>();
        Object processes = s.get("processes");
        if (processes instanceof Map<?, ?> p) {
            p.values().forEach(v -> (v instanceof List<?> replicas ? replicas : List.of(v))
                    .forEach(one -> pids.add(((Number) ((Map<?, ?>) one).get("pid")).longValue())));
        }
        if (s.get("connections") instanceof Map<?, ?> c) {
            ((List<?>) c.get("worker_pids")).forEach(v -> pids.add(((Number) v).longValue()));
        }
        assertThat(pids).isNotEmpty();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("process %d", pid).isNotEqualTo(java.util.Optional.of(true)));
    }

    private static Object at(Map<String, Object> s, String path) {
        Object node = s;
        for (String key : path.split("\\.")) {
            assertThat(node).as(path).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }
}
