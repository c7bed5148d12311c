package com.coaching.notifications.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {

    @Test
    void aCompleteInOrderStreamHasNothingToReport() {
        SeqTracker t = new SeqTracker();
        for (int seq = 1; seq <= 5; seq++) {
            assertThat(t.record(seq, 5)).isTrue();
        }
        assertThat(t.missing(5)).isZero();
        assertThat(t.duplicates()).isZero();
        assertThat(t.outOfOrder()).isZero();
        assertThat(t.unexpected()).isZero();
    }

    @Test
    void gapsRepeatsReorderingAndStrangersAreEachCounted() {
        SeqTracker t = new SeqTracker();
        t.record(1, 5);
        t.record(3, 5);
        assertThat(t.record(3, 5)).isFalse();
        t.record(2, 5);
        t.record(9, 5);
        assertThat(t.missing(5)).isEqualTo(2);
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.outOfOrder()).isEqualTo(1);
        assertThat(t.unexpected()).isEqualTo(1);
    }

    @Test
    void withNothingExpectedAnyEventIsUnexpected() {
        SeqTracker t = new SeqTracker();
        t.record(1, 0);
        assertThat(t.missing(0)).isZero();
        assertThat(t.unexpected()).isEqualTo(1);
    }
}
