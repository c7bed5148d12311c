package com.coaching.notifications.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The offered rates of {@code dropped-events} (events/s, in the order given) and how long each is held.
 * A step sends its rate for the hold, spread evenly over a set of users; the count per user rounds up,
 * so a step never offers less than its rate.
 */
record RateSteps(List<Integer> rates, Duration hold) {

    RateSteps {
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("--steps: at least one rate");
        }
        if (hold.isZero() || hold.isNegative()) {
            throw new IllegalArgumentException("--step-hold must be positive, not " + hold);
        }
    }

    /** {@code "0,1000,5000"}: events/s, each a whole number, 0 or more. */
    static RateSteps parse(String commaSeparated, Duration hold) {
        List<Integer> rates = new ArrayList<>();
        if (!commaSeparated.isBlank()) {
            for (String rate : commaSeparated.split(",", -1)) {
                int r;
                try {
                    r = Integer.parseInt(rate.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--steps: not a rate: '" + rate + "'");
                }
                if (r < 0) {
                    throw new IllegalArgumentException("--steps: a rate cannot be negative: " + r);
                }
                rates.add(r);
            }
        }
        return new RateSteps(rates, hold);
    }

    /** Events each of {@code users} gets so that together they make {@code rate} for the hold. */
    int eventsPerUser(int rate, int users) {
        long total = Math.round(rate * (hold.toMillis() / 1000.0));
        return (int) ((total + users - 1) / users);
    }
}
