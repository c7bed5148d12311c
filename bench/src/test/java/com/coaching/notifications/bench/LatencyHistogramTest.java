package com.coaching.notifications.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfHistogramsSentAsTextAreThoseOfAllSamplesTogether() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int ms = 1; ms <= 50; ms++) {
            a.recordMicros(ms * 1000L);
        }
        for (int ms = 51; ms <= 100; ms++) {
            b.recordMicros(ms * 1000L);
        }
        LatencyHistogram all = new LatencyHistogram();
        all.add(LatencyHistogram.decode(a.encode()));
        all.add(LatencyHistogram.decode(b.encode()));

        assertThat(all.count()).isEqualTo(100);
        assertThat(all.percentileMillis(50)).isCloseTo(50, within(0.1));
        assertThat(all.percentileMillis(99)).isCloseTo(99, within(0.1));
        assertThat((Double) all.summary().get("max_ms")).isCloseTo(100, within(0.1));
    }

    @Test
    void negativeOrHugeSamplesAreCountedNotHidden() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordMicros(-5);
        h.recordMicros(Long.MAX_VALUE);
        h.recordMicros(2000);
        LatencyHistogram decoded = LatencyHistogram.decode(h.encode());
        assertThat(decoded.count()).isEqualTo(1);
        assertThat(decoded.summary()).containsEntry("out_of_range", 2L);
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertThat(new LatencyHistogram().summary()).containsEntry("p99_ms", null).containsEntry("count", 0L);
    }
}
