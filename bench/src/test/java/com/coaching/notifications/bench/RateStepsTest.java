package com.coaching.notifications.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateStepsTest {

    @Test
    void theDefaultStepsGoFromNothingPastTwentyThousandEventsASecond() {
        RateSteps steps = BenchOptions.parse("dropped-events").rateSteps();

        assertThat(steps.rates()).startsWith(0).contains(20_000);
        assertThat(steps.rates()).isSorted();
        assertThat(steps.hold()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void stepsAndHoldAreTakenFromTheCommandLine() {
        RateSteps steps = BenchOptions.parse("dropped-events", "--steps", "0, 500,2000", "--step-hold", "20s").rateSteps();

        assertThat(steps.rates()).containsExactly(0, 500, 2000);
        assertThat(steps.hold()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void eachStepSendsItsRateForTheHoldSpreadEvenlyOverTheUsers() {
        RateSteps steps = RateSteps.parse("0,1000,2500", Duration.ofSeconds(15));

        assertThat(steps.eventsPerUser(0, 1000)).isZero();
        assertThat(steps.eventsPerUser(1000, 1000)).isEqualTo(15);
        // 37,500 events over 1,000 users: 38 each rounds up rather than send less than the step's rate.
        assertThat(steps.eventsPerUser(2500, 1000)).isEqualTo(38);
        assertThat(steps.eventsPerUser(2500, 500)).isEqualTo(75);
    }

    @Test
    void aNegativeOrMissingRateIsRefused() {
        assertThatThrownBy(() -> RateSteps.parse("0,-5", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
        assertThatThrownBy(() -> RateSteps.parse("0,,10", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateSteps.parse(" ", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateSteps.parse("10", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step-hold");
    }
}
