package com.coaching.notifications.writer.outbox;

import com.coaching.notifications.events.TraceParentHeader;
import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The trace of a change across the outbox: its W3C {@code traceparent} is taken from the request's span when
 * the row is written, and made current again on the relay's thread while the row's record is sent, so that
 * the producer's span (and the {@code traceparent} it writes on the record) belongs to the same trace.
 */
@Component
public class OutboxTraceContext {

    private final Tracer tracer;
    private final Propagator propagator;

    public OutboxTraceContext(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * A {@code traceparent} from outside (a request record's header) as it may be stored: the text when it
     * is a well-formed version-00 header, else null, so that an odd header never fails the change it came with.
     */
    public static String wellFormed(byte[] header) {
        return TraceParentHeader.parse(header).map(TraceParentHeader::text).orElse(null);
    }

    /** Whether a stored {@code traceparent} names a trace that is being recorded. */
    static boolean sampled(String traceparent) {
        return TraceParentHeader.parse(traceparent).filter(TraceParentHeader::sampled).isPresent();
    }

    /** The {@code traceparent} of the current span, or null outside any trace. */
    public String current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TraceParentHeader.NAME);
    }

    /**
     * Makes a stored {@code traceparent} the current context until the scope is closed, without a span of
     * its own; nothing changes for a missing or malformed one.
     */
    CurrentTraceContext.Scope resume(String traceparent) {
        return TraceParentHeader.parse(traceparent).map(header -> tracer.currentTraceContext().newScope(
                tracer.traceContextBuilder()
                        .traceId(header.traceId())
                        .spanId(header.parentId())
                        .sampled(header.sampled())
                        .build()))
                .orElse(() -> { });
    }
}
