/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class DecisionRecorderTest {
    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private final DecisionRecorder recorder = new DecisionRecorder(metrics);

    @Test
    void countsTheDecisionAndItsReason() throws Exception {
        recorder.record(mail(), "quarantined", Optional.of("virus"));
        recorder.record(mail(), "quarantined", Optional.of("add header"));

        assertThat(metrics.countFor("mailfort_mail_quarantined")).isEqualTo(2);
        assertThat(metrics.countFor("mailfort_mail_quarantined_virus")).isEqualTo(1);
        assertThat(metrics.countFor("mailfort_mail_quarantined_add_header")).isEqualTo(1);
    }

    @Test
    void leavesNoFieldInTheLoggingContext() throws Exception {
        recorder.record(mail(), "delivered", Optional.empty());

        assertThat(MDC.getCopyOfContextMap()).satisfiesAnyOf(
            context -> assertThat(context).isNull(),
            context -> assertThat(context.keySet()).noneMatch(key -> key.startsWith("mailfort.")));
    }

    private static FakeMail mail() throws Exception {
        return FakeMail.builder().name("mail-1").mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
            .setSubject("x").setText("x")).sender("a@example.net").recipient("b@example.com").build();
    }
}
