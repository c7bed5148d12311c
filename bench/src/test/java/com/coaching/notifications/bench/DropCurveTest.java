package com.coaching.notifications.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DropCurveTest {

    /** A gateway at 2 % of a core idle that spends 3 % more for every 1,000 records it reads and drops. */
    private static final DropCurve LINEAR = new DropCurve(List.of(
            new DropCurve.Point(0, 0, 2.0),
            new DropCurve.Point(1000, 1000, 5.0),
            new DropCurve.Point(5000, 5000, 17.0),
            new DropCurve.Point(20_000, 20_000, 62.0)));

    @Test
    void eachStepsCostPerThousandIsMeasuredAboveTheLowestStep() {
        assertThat(LINEAR.percentPerThousandAboveLowest(LINEAR.points().get(1))).isCloseTo(3.0, within(1e-9));
        assertThat(LINEAR.percentPerThousandAboveLowest(LINEAR.points().get(3))).isCloseTo(3.0, within(1e-9));
        assertThat(LINEAR.percentPerThousandAboveLowest(LINEAR.points().get(0))).isNaN();
    }

    @Test
    void theFitOfAStraightLineRecoversItsSlopeAndIntercept() {
        assertThat(LINEAR.slopePercentPerThousand()).isCloseTo(3.0, within(1e-9));
        assertThat(LINEAR.interceptPercent()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void theFitUsesTheRateTheGatewayReadNotTheRateOffered() {
        // The producer fell short of the last step: the gateway read 12,000/s, not the 20,000 asked for.
        DropCurve curve = new DropCurve(List.of(
                new DropCurve.Point(0, 0, 1.0),
                new DropCurve.Point(10_000, 10_000, 21.0),
                new DropCurve.Point(20_000, 12_000, 25.0)));

        assertThat(curve.slopePercentPerThousand()).isCloseTo(2.0, within(1e-9));
        assertThat(curve.percentPerThousandAboveLowest(curve.points().get(2))).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void withoutAnIdleStepTheLowestRateIsTheReference() {
        DropCurve curve = new DropCurve(List.of(
                new DropCurve.Point(1000, 1000, 4.0),
                new DropCurve.Point(3000, 3000, 8.0)));

        assertThat(curve.percentPerThousandAboveLowest(curve.points().get(1))).isCloseTo(2.0, within(1e-9));
    }
}
