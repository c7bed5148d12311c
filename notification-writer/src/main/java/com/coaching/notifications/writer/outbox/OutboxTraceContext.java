package com.coaching.notifications.writer.outbox;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The trace of a change across the outbox: its W3C {@code traceparent} is taken from the request's span when
 * the row is written, and made current again on the relay's thread while the row's record is sent, so that
 * the producer's span (and the {@code traceparent} it writes on the record) belongs to the same trace.
 */
@Component
public class OutboxTraceContext {

    /** The W3C Trace Context header, also the CloudEvents distributed-tracing extension's name for it. */
    public static final String TRACEPARENT = "traceparent";

    private static final Pattern VERSION_00 = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

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
        if (header == null || header.length != 55) {
            return null;
        }
        String text = new String(header, StandardCharsets.US_ASCII);
        return VERSION_00.matcher(text).matches() ? text : null;
    }

    /** The {@code traceparent} of the current span, or null outside any trace. */
    String current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Makes a stored {@code traceparent} the current context until the scope is closed, without a span of
     * its own; nothing changes for a missing or malformed one.
     */
    CurrentTraceContext.Scope resume(String traceparent) {
        Matcher m = traceparent == null ? null : VERSION_00.matcher(traceparent);
        if (m == null || !m.matches()) {
            return () -> { };
        }
        TraceContext context = tracer.traceContextBuilder()
                .traceId(m.group(1))
                .spanId(m.group(2))
                .sampled((Integer.parseInt(m.group(3), 16) & 1) == 1)
                .build();
        return tracer.currentTraceContext().newScope(context);
    }
}
