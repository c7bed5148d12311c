package com.coaching.notifications.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds, with 3 significant digits from 1 µs to 10 minutes (HdrHistogram), so
 * percentiles are exact to 0.1 % however many samples there are and however far apart they lie. A
 * worker process sends its histogram as text; the coordinator adds them up, so the percentiles are
 * those of all connections together, not an average of per-process percentiles.
 */
final class LatencyHistogram {

    private static final long HIGHEST_MICROS = 600_000_000L;

    private final Histogram histogram;
    // Samples outside the trackable range (a clock step, a negative delay) are counted, never dropped silently.
    private long outOfRange;

    LatencyHistogram() {
        this(new Histogram(1, HIGHEST_MICROS, 3));
    }

    private LatencyHistogram(Histogram histogram) {
        this.histogram = histogram;
    }

    synchronized void recordMicros(long micros) {
        if (micros < 0 || micros > HIGHEST_MICROS) {
            outOfRange++;
            return;
        }
        histogram.recordValue(Math.max(1, micros));
    }

    synchronized void add(LatencyHistogram other) {
        histogram.add(other.histogram);
        outOfRange += other.outOfRange;
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    synchronized double percentileMillis(double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** count, p50, p95, p99, max and mean in milliseconds (null when there is no sample), for the summary. */
    synchronized Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        long count = count();
        s.put("count", count);
        s.put("p50_ms", count == 0 ? null : round(histogram.getValueAtPercentile(50) / 1000.0));
        s.put("p95_ms", count == 0 ? null : round(histogram.getValueAtPercentile(95) / 1000.0));
        s.put("p99_ms", count == 0 ? null : round(histogram.getValueAtPercentile(99) / 1000.0));
        s.put("max_ms", count == 0 ? null : round(histogram.getMaxValue() / 1000.0));
        s.put("mean_ms", count == 0 ? null : round(histogram.getMean() / 1000.0));
        s.put("out_of_range", outOfRange);
        return s;
    }

    /** Compressed, base64: one token without spaces, to travel on a worker's output line. */
    synchronized String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return outOfRange + ":" + Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    static LatencyHistogram decode(String text) {
        int colon = text.indexOf(':');
        try {
            LatencyHistogram decoded = new LatencyHistogram(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(text.substring(colon + 1))), 1));
            decoded.outOfRange = Long.parseLong(text.substring(0, colon));
            return decoded;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
