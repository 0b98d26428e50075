/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import dev.mailfort.mailets.monitoring.DecisionRecorder;

/**
 * Records what happens to a message at the point where the pipeline decides it: one log line, Postfix style, and
 * a counter. Put it just before the mailet that carries the decision out (LocalDelivery, RemoteDelivery, the
 * ToRepository of a quarantine, a Bounce).
 *
 * <p>The line goes to logger {@code mailfort.decisions} at INFO:
 * <pre>
 * decision=quarantined reason=virus queue_id=Mail1732... message_id=&lt;a1@example.net&gt; from=&lt;x@example.net&gt;
 *   to=&lt;alice@example.com&gt; size=2048 client=192.0.2.7 clamav=infected:Eicar-Signature rspamd=no action/1.2
 *   spf=pass dkim=none dmarc=none
 * </pre>
 * (on one line). The verdict fields are those recorded on the mail so far; a field is missing when its check has
 * not run. The subject and the body are never logged.
 * <p>The counters are {@code mailfort_mail_<decision>} and, with a reason, {@code mailfort_mail_<decision>_<reason>},
 * on WebAdmin's {@code /metrics}.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code decision} (required): a short word, e.g. {@code delivered}, {@code relayed}, {@code quarantined},
 *       {@code bounced}, {@code held}, {@code discarded}, {@code failed}.</li>
 *   <li>{@code reason} (default none): why, e.g. {@code virus}, {@code attachment}, {@code spam}, {@code junk}.</li>
 * </ul>
 * The mail goes on unchanged; a failure to log never stops it.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.IsInfected" class="dev.mailfort.mailets.LogDecision">
 *     <decision>quarantined</decision>
 *     <reason>virus</reason>
 *     <onMailetException>ignore</onMailetException>
 * </mailet>
 * <mailet match="dev.mailfort.matchers.IsInfected" class="ToRepository">
 *     <repositoryPath>cassandra://var/mail/quarantine/virus/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class LogDecision extends GenericMailet {
    private final DecisionRecorder recorder;
    private String decision;
    private Optional<String> reason;

    @Inject
    public LogDecision(MetricFactory metricFactory) {
        this.recorder = new DecisionRecorder(metricFactory);
    }

    @Override
    public void init() throws MessagingException {
        decision = Optional.ofNullable(getInitParameter("decision")).map(String::trim).filter(value -> !value.isEmpty())
            .orElseThrow(() -> new MessagingException(getMailetName() + ": the decision parameter is required"));
        reason = Optional.ofNullable(getInitParameter("reason")).map(String::trim).filter(value -> !value.isEmpty());
    }

    @Override
    public void service(Mail mail) {
        recorder.record(mail, decision, reason);
    }

    @Override
    public String getMailetInfo() {
        return "Logs and counts the decision taken about a message";
    }
}
