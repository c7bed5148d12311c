package com.coaching.notifications.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of the story's performance targets (AC5) next to what this run measured, and whether it was
 * met. A figure that could not be measured is reported as not met, never left out.
 */
record TargetCheck(String name, String target, Object measured, boolean met) {

    static TargetCheck atMost(String name, double limit, String unit, Double measured) {
        boolean met = measured != null && !measured.isNaN() && measured < limit;
        return new TargetCheck(name, "< " + limit + " " + unit, measured, met);
    }

    static TargetCheck atLeast(String name, double floor, String unit, double measured) {
        return new TargetCheck(name, ">= " + floor + " " + unit, measured, !Double.isNaN(measured) && measured >= floor);
    }

    static TargetCheck equal(String name, long expected, long measured) {
        return new TargetCheck(name, "= " + expected, measured, measured == expected);
    }

    Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("target", target);
        s.put("measured", measured);
        s.put("met", met);
        return s;
    }
}
