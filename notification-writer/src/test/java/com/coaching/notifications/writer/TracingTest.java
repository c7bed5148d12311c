package com.coaching.notifications.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.coaching.notifications.testsupport.TestTokens;
import com.coaching.notifications.testsupport.TraceParent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The trace of the request that created a notification goes on through the outbox and the relay's publish:
 * the event record carries a W3C {@code traceparent} of the same trace, naming the relay's producer span,
 * whether the request came over REST or on the request topic. Spans are kept in memory, not exported.
 */
@Import(TracingTest.Spans.class)
@TestPropertySource(properties = "management.opentelemetry.tracing.export.schedule-delay=50ms")
class TracingTest extends WriterIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

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
    void aPostWithATraceparentLeadsToAnEventRecordOfTheSameTraceNamingTheRelaysProducerSpan() {
        TraceParent caller = TraceParent.random();
        String user = "traced-" + UUID.randomUUID();

        HttpResponse created = client.post("/api/notifications", TestTokens.service("notifications:write"),
                WriterClient.notificationFor(user, "Traced"), Map.of("traceparent", caller.header()));
        assertThat(created.status()).isEqualTo(201);

        TraceParent published = TraceParent.parse(traceparentOf(eventRecord(user)));
        assertThat(published.traceId()).isEqualTo(caller.traceId());
        await().atMost(TIMEOUT).untilAsserted(() -> {
            SpanData producer = span(published.spanId());
            assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(producer.getTraceId()).isEqualTo(caller.traceId());
            // The request's own span is the caller's child; the publish is in the same trace, after the commit.
            assertThat(spans.getFinishedSpanItems()).anySatisfy(server -> {
                assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(server.getParentSpanId()).isEqualTo(caller.spanId());
            });
        });
    }

    @Test
    void aRequestRecordWithATraceparentLeadsToAnEventRecordOfTheSameTrace() {
        TraceParent producer = TraceParent.random();
        String user = "traced-" + UUID.randomUUID();

        try (RequestTopic topic = new RequestTopic()) {
            topic.send(user, RequestJson.utf8(RequestJson.of(user, true, Map.of())),
                    Map.of("traceparent", producer.header()));
            topic.flush();
        }

        TraceParent published = TraceParent.parse(traceparentOf(eventRecord(user)));
        assertThat(published.traceId()).isEqualTo(producer.traceId());
        // Requests are created a poll at a time, so no span stands for one record: the relay's publish is the
        // child of the producer's span that the record named.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(span(published.spanId()).getParentSpanId())
                .isEqualTo(producer.spanId()));
    }

    @Test
    void aRequestRecordWithoutTraceIsPublishedWithoutOneAndWithoutASpanOfTheRelay() {
        String user = "untraced-" + UUID.randomUUID();
        try (RequestTopic topic = new RequestTopic()) {
            topic.send(user, RequestJson.utf8(RequestJson.of(user, true, Map.of())), Map.of());
            topic.flush();
        }

        // A span per record with no trace to continue is what made the relay four times as costly per record.
        assertThat(eventRecord(user).headers().lastHeader("traceparent")).isNull();
    }

    @Test
    void aRequestRecordOfAnUnsampledTraceKeepsItsTraceparentAsItCame() {
        TraceParent unsampled = new TraceParent(TraceParent.random().traceId(), TraceParent.random().spanId(), false);
        String user = "unsampled-" + UUID.randomUUID();
        try (RequestTopic topic = new RequestTopic()) {
            topic.send(user, RequestJson.utf8(RequestJson.of(user, true, Map.of())),
                    Map.of("traceparent", unsampled.header()));
            topic.flush();
        }

        // Not recorded anywhere, so no span is made for it; the gateway goes on in the same (unsampled) trace.
        assertThat(traceparentOf(eventRecord(user))).isEqualTo(unsampled.header());
    }

    @Test
    void aRequestRecordWithAMalformedTraceparentIsCreatedAllTheSame() {
        String user = "traced-" + UUID.randomUUID();
        try (RequestTopic topic = new RequestTopic()) {
            topic.send(user, RequestJson.utf8(RequestJson.of(user, true, Map.of("title", "\"odd header\""))),
                    Map.of("traceparent", "00-" + "z".repeat(300)));
            topic.flush();
        }

        ConsumerRecord<String, byte[]> record = eventRecord(user);
        assertThat(TopicReader.deadLetters()).noneMatch(r -> user.equals(r.key()));
        assertThat(record.headers().lastHeader("traceparent")).as("a trace of the writer's own, or none")
                .satisfiesAnyOf(header -> assertThat(header).isNull(),
                        header -> assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain("zzz"));
    }

    private static ConsumerRecord<String, byte[]> eventRecord(String user) {
        return await().atMost(TIMEOUT).until(() -> TopicReader.recordsFor(user), records -> !records.isEmpty()).get(0);
    }

    private static String traceparentOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header of the event record").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private SpanData span(String spanId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(spanId)).findFirst()
                .orElseThrow(() -> new AssertionError("no finished span " + spanId + " in " + spans.getFinishedSpanItems()));
    }
}
