/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.monitoring;

import java.util.Map;
import java.util.Optional;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes the one log line per message decision (logger {@value #LOGGER_NAME}, INFO) and counts the decision as
 * {@code mailfort_mail_<decision>} and {@code mailfort_mail_<decision>_<reason>}.
 *
 * <p>The fields also go into the logging context (MDC keys {@code mailfort.decision}, {@code mailfort.queue_id},
 * ...) for the duration of the call, so that the JSON log format carries them as separate fields while the text
 * format stays one grep-able line.
 */
public final class DecisionRecorder {
    public static final String LOGGER_NAME = "mailfort.decisions";
    private static final Logger LOGGER = LoggerFactory.getLogger(LOGGER_NAME);
    private static final String MDC_PREFIX = "mailfort.";

    private final MetricFactory metricFactory;

    public DecisionRecorder(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    public void record(Mail mail, String decision, Optional<String> reason) {
        String decisionName = "mailfort_mail_" + MetricNames.part(decision);
        metricFactory.generate(decisionName).increment();
        reason.ifPresent(value -> metricFactory.generate(decisionName + "_" + MetricNames.part(value)).increment());
        DecisionLine line = DecisionLine.of(mail, decision, reason);
        Map<String, String> fields = line.fields();
        fields.forEach((key, value) -> MDC.put(MDC_PREFIX + key, DecisionLine.clean(value, DecisionLine.limitFor(key))));
        try {
            LOGGER.info(line.text());
        } finally {
            fields.keySet().forEach(key -> MDC.remove(MDC_PREFIX + key));
        }
    }
}
