package com.coaching.notifications.gateway.fanout;

import com.coaching.notifications.events.TraceParentHeader;
import io.micrometer.observation.ObservationPredicate;
import org.apache.kafka.common.header.Header;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * An event record is observed (a listener span, continuing its {@code traceparent}) only when the writer
 * recorded its trace: the header is there and says sampled. Every replica reads every record, mostly to drop
 * it, and a span for each, kept or not by sampling, would cost more than reading the record does.
 */
@Configuration(proxyBeanMethods = false)
public class RecordTracing {

    @Bean
    ObservationPredicate onlyRecordsOfARecordedTraceAreObserved() {
        return (name, context) -> !(context instanceof KafkaRecordReceiverContext received) || sampled(received);
    }

    private static boolean sampled(KafkaRecordReceiverContext received) {
        Header traceparent = received.getRecord().headers().lastHeader(TraceParentHeader.NAME);
        return traceparent != null
                && TraceParentHeader.parse(traceparent.value()).filter(TraceParentHeader::sampled).isPresent();
    }
}
