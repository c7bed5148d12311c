package com.coaching.notifications.bench;

import java.util.Comparator;
import java.util.List;

/**
 * One gateway's CPU against the records it read and dropped per second, one point per step of
 * {@code dropped-events}. The rate that counts is the one the gateway read (from its consumer's own
 * count), not the one offered, since the producer may fall short of a step. Two readings of it: each
 * step's cost above the lowest step (normally the idle one), and a least-squares line over all steps,
 * whose slope is the cost of reading and dropping 1,000 events/s.
 */
record DropCurve(List<Point> points) {

    /** A step: the rate offered, the rate the gateway read, the gateway's CPU in % of one core. */
    record Point(double offeredPerSecond, double readPerSecond, double cpuPercent) {
    }

    DropCurve {
        points = List.copyOf(points);
    }

    /** The step's CPU above the lowest step's, per 1,000 events/s more read; NaN for the lowest itself. */
    double percentPerThousandAboveLowest(Point step) {
        Point lowest = points.stream().min(Comparator.comparingDouble(Point::readPerSecond)).orElseThrow();
        double thousands = (step.readPerSecond() - lowest.readPerSecond()) / 1000;
        return thousands == 0 ? Double.NaN : (step.cpuPercent() - lowest.cpuPercent()) / thousands;
    }

    /** % of one core per 1,000 events/s read and dropped: the slope of the least-squares line. */
    double slopePercentPerThousand() {
        double n = points.size();
        double meanX = points.stream().mapToDouble(p -> p.readPerSecond() / 1000).sum() / n;
        double meanY = points.stream().mapToDouble(Point::cpuPercent).sum() / n;
        double sxy = points.stream().mapToDouble(p -> (p.readPerSecond() / 1000 - meanX) * (p.cpuPercent() - meanY)).sum();
        double sxx = points.stream().mapToDouble(p -> Math.pow(p.readPerSecond() / 1000 - meanX, 2)).sum();
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** The line's CPU at 0 events/s: what the gateway spends with its streams and nothing to read. */
    double interceptPercent() {
        double n = points.size();
        double meanX = points.stream().mapToDouble(p -> p.readPerSecond() / 1000).sum() / n;
        double meanY = points.stream().mapToDouble(Point::cpuPercent).sum() / n;
        return meanY - slopePercentPerThousand() * meanX;
    }
}
