/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.monitoring;

import java.util.Locale;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;

/**
 * What one check (clamd, rspamd, the attachment policy, SPF, ...) decided and how long it took, published through
 * James's {@link MetricFactory}: with the server's Dropwizard registry they appear on WebAdmin's {@code /metrics}
 * as {@code mailfort_<check>_verdict_<verdict>} counters and a {@code mailfort_<check>_duration} summary (seconds,
 * with quantiles).
 *
 * <p>Names carry the verdict instead of a label because James's metrics have no labels; the set of verdicts of
 * each check is small and fixed, so the number of series stays bounded (a verdict is never free text).
 */
public final class ScanMetrics {
    /** A scan that may fail with a checked exception. */
    @FunctionalInterface
    public interface Scan<T, E extends Exception> {
        T run() throws E;
    }

    private final MetricFactory metricFactory;
    private final String prefix;

    private ScanMetrics(MetricFactory metricFactory, String check) {
        this.metricFactory = metricFactory;
        this.prefix = "mailfort_" + MetricNames.part(check);
    }

    public static ScanMetrics of(MetricFactory metricFactory, String check) {
        return new ScanMetrics(metricFactory, check);
    }

    public <T, E extends Exception> T timed(Scan<T, E> scan) throws E {
        TimeMetric timer = metricFactory.timer(durationName());
        try {
            return scan.run();
        } finally {
            timer.stopAndPublish();
        }
    }

    public void countVerdict(String verdict) {
        metricFactory.generate(verdictName(verdict)).increment();
    }

    public String durationName() {
        return prefix + "_duration";
    }

    public String verdictName(String verdict) {
        return prefix + "_verdict_" + MetricNames.part(verdict.toLowerCase(Locale.ROOT));
    }
}
