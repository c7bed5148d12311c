package com.coaching.notifications.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.events.EventEnvelope;
import com.coaching.notifications.events.EventJson;
import com.coaching.notifications.events.NotificationCreated;
import com.coaching.notifications.events.Topics;
import com.coaching.notifications.testsupport.ContractSchemas;
import com.coaching.notifications.testsupport.SseClient;
import com.coaching.notifications.testsupport.TraceParent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event record that carries the writer's {@code traceparent} is delivered in the same trace: the listener's
 * span continues the record's context and the fan-out's delivery span is its child; the delivery is logged at
 * debug level with the trace id, here as structured JSON (one setting turns it on). Spans stay in memory.
 */
@Import(TracingTest.Spans.class)
@TestPropertySource(properties = {
        "management.opentelemetry.tracing.export.schedule-delay=50ms",
        // Every new trace kept: a span the gateway starts for a record without a recorded trace would show.
        "management.tracing.sampling.probability=1.0",
        "logging.level.com.coaching.notifications.gateway.fanout=debug",
        "logging.structured.format.console=ecs"})
@ExtendWith(OutputCaptureExtension.class)
class TracingTest extends GatewayIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void recordsOfNoRecordedTraceAreDeliveredWithoutAnySpanOfTheGateway() {
        String userId = newUserId();
        TraceParent unsampled = new TraceParent(TraceParent.random().traceId(), TraceParent.random().spanId(), false);
        TraceParent sampled = TraceParent.random();
        spans.reset();
        try (SseClient client = connected(userId)) {
            send(record(userId, 1, null));
            send(record(userId, 2, unsampled));
            send(record(userId, 3, sampled));
            client.await(frame -> "3".equals(frame.id()), TIMEOUT);
        }

        // Spans are exported in the order they end, so once the third record's are out, any of the first two's
        // would be too. Reading and dropping everyone's records costs a span each otherwise, on every replica.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anySatisfy(span -> assertThat(span.getName()).isEqualTo("sse.delivery")));
        // Only the records' spans: HTTP requests (the test's readiness checks) have traces of their own.
        assertThat(spans.getFinishedSpanItems())
                .filteredOn(span -> span.getKind() == SpanKind.CONSUMER || span.getName().equals("sse.delivery"))
                .extracting(SpanData::getTraceId).containsOnly(sampled.traceId());
    }

    private static ProducerRecord<String, byte[]> record(String userId, long seq, TraceParent trace) {
        ProducerRecord<String, byte[]> record = new EventEnvelope(UUID.randomUUID(), NotificationCreated.EVENT_TYPE,
                "/notification-writer", Instant.now(), userId, seq, EventJson.toBytes(notification(userId, seq, "Seq " + seq)))
                .toRecord(Topics.EVENTS);
        if (trace != null) {
            record.headers().add("traceparent", trace.header().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void theDeliverySpanIsAChildOfTheRecordsTraceAndTheDeliveryIsLoggedWithTheTraceId(CapturedOutput output) {
        String userId = newUserId();
        TraceParent writersPublish = TraceParent.random();
        try (SseClient client = connected(userId)) {
            NotificationCreated event = notification(userId, 1, "Traced");
            ContractSchemas.assertValid(NotificationCreated.EVENT_TYPE.dataSchema(), EventJson.toBytes(event));
            ProducerRecord<String, byte[]> record = new EventEnvelope(UUID.randomUUID(), NotificationCreated.EVENT_TYPE,
                    "/notification-writer", Instant.now(), userId, 1, EventJson.toBytes(event)).toRecord(Topics.EVENTS);
            record.headers().add("traceparent", writersPublish.header().getBytes(StandardCharsets.UTF_8));
            send(record);

            client.awaitEvent("notification", TIMEOUT);
        }

        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<SpanData> finished = spans.getFinishedSpanItems();
            SpanData delivery = finished.stream().filter(s -> s.getName().equals("sse.delivery")
                    && s.getTraceId().equals(writersPublish.traceId())).findFirst().orElseThrow();
            SpanData receive = finished.stream().filter(s -> s.getSpanId().equals(delivery.getParentSpanId()))
                    .findFirst().orElseThrow();
            assertThat(receive.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(receive.getParentSpanId()).isEqualTo(writersPublish.spanId());
        });
        JsonMapper json = JsonMapper.builder().build();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains("Delivering seq 1 of user " + userId)))
                .singleElement().satisfies(line -> {
                    JsonNode entry = json.readTree(line);
                    assertThat(entry.get("log").get("level").asString()).isEqualTo("DEBUG");
                    // In the message, and as the log's trace correlation (which every line in a trace has).
                    assertThat(entry.get("message").asString()).endsWith("trace " + writersPublish.traceId());
                    assertThat(entry.get("traceId").asString()).isEqualTo(writersPublish.traceId());
                }));
    }
}
