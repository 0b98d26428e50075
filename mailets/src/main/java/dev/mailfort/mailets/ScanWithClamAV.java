/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.mailets.monitoring.ScanMetrics;
import dev.mailfort.scanning.clamav.ClamAVAttributes;
import dev.mailfort.scanning.clamav.ClamAVVerdict;
import dev.mailfort.scanning.clamav.ClamdClient;
import dev.mailfort.scanning.clamav.ClamdSettings;

/**
 * Scans the whole message (headers, body, every attachment, archives unpacked by clamd) with ClamAV's clamd,
 * streaming it over TCP with the INSTREAM command, and records the verdict.
 *
 * <h2>What it records</h2>
 * <ul>
 *   <li>Attribute {@code mailfort.clamav.status}: {@code clean}, {@code infected}, {@code too-large} (not scanned:
 *       over {@code maxSize} or clamd's StreamMaxLength) or {@code unavailable} (clamd down, too slow, or talking
 *       nonsense). Nothing but {@code clean} means "scanned and found nothing".</li>
 *   <li>Attribute {@code mailfort.clamav.signature}: the signature found, when infected (removed otherwise).</li>
 *   <li>Attribute {@code mailfort.clamav.failed-attempts}: how many scans of this mail found clamd unavailable.</li>
 *   <li>Header {@code X-Virus-Status}: {@code clean}, {@code infected; <signature>}, {@code too-large} or
 *       {@code unavailable}; and {@code X-Virus-Scanned: ClamAV} when the content was actually scanned. Headers of
 *       these names already in the message are removed first: a sender must not be able to forge them.</li>
 * </ul>
 * The matchers {@code IsInfected}, {@code ClamAVStatusIs} and {@code ClamAVAttemptsAtLeast} act on the attributes.
 *
 * <h2>When clamd is unavailable</h2>
 * With {@code onUnavailable} = {@code retry} (the default) the mail is failed closed: not delivered unscanned,
 * not bounced, not lost. The mailet moves it to the {@code retryProcessor}, which puts it back in the spool queue
 * with a delay using James's {@code Requeue} mailet; when it comes out, it starts again at the top of the processor
 * {@code Requeue} names, and is scanned again. The queue keeps the mail's attributes, so the delay can grow with
 * {@code mailfort.clamav.failed-attempts}.
 * <p>Why not simply throw: in James 3.8.1 an exception from a mailet goes to {@code onMailetException}; by default
 * that moves the mail to the {@code error} processor (held in the error repository, never retried on its own), and
 * with {@code propagate} the spooler ({@code JamesMailSpooler}) puts it straight back in the queue without any
 * delay and, once it has failed more than 5 times in a row, into the error repository: a clamd restart of a minute
 * would send every mail arriving meanwhile to the error repository. Why not re-send it through the mailet context
 * with a delay: that marks it as sent by a mailet, which the {@code SentByMailet} matcher (and so the relay rules)
 * would then trust, and an outage must not make inbound mail relayable. {@code Requeue} enqueues the mail as is.
 * <p>With {@code onUnavailable} = {@code tag} the mail goes on, marked {@code unavailable}; what happens to it is
 * then up to the matchers that follow.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code host} (default {@code 127.0.0.1}): where clamd listens (its TCPAddr).</li>
 *   <li>{@code port} (default {@code 3310}): clamd's TCPSocket.</li>
 *   <li>{@code connectTimeout} (default {@code 2s}): the longest wait for the connection to clamd. Durations are
 *       {@code 500ms}, {@code 30s}, {@code 2m}; a bare number is seconds.</li>
 *   <li>{@code readTimeout} (default {@code 30s}): the longest clamd may keep us waiting at any one step: for a
 *       free connection, to take more of the message, or for its verdict (scanning time included).</li>
 *   <li>{@code maxSize} (default {@code 25M}): larger messages are not sent and get {@code too-large}. Keep it no
 *       larger than clamd's StreamMaxLength (also 25M by default). Sizes are {@code 25M}, {@code 512K} or bytes.</li>
 *   <li>{@code maxConnections} (default {@code 8}): how many scans may run against clamd at once (keep it below
 *       clamd's MaxThreads); further scans wait up to {@code readTimeout}, then count as unavailable.</li>
 *   <li>{@code onUnavailable} (default {@code retry}): {@code retry} or {@code tag}, see above.</li>
 *   <li>{@code retryProcessor} (default {@code clamav-retry}): where {@code retry} sends the mail. James refuses to
 *       start if this processor is not defined.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <processor state="virus-scan" enableJmx="true">
 *     <!-- First in its processor: a retried mail starts again at the top, and nothing before it runs twice. -->
 *     <mailet match="All" class="dev.mailfort.mailets.ScanWithClamAV">
 *         <host>127.0.0.1</host>
 *         <port>3310</port>
 *         <connectTimeout>2s</connectTimeout>
 *         <readTimeout>30s</readTimeout>
 *         <maxSize>25M</maxSize>
 *         <maxConnections>8</maxConnections>
 *         <onUnavailable>retry</onUnavailable>
 *         <retryProcessor>clamav-retry</retryProcessor>
 *     </mailet>
 *     <mailet match="dev.mailfort.matchers.IsInfected" class="ToRepository">
 *         <repositoryPath>cassandra://var/mail/quarantine/</repositoryPath>
 *     </mailet>
 *     <mailet match="All" class="ToProcessor">
 *         <processor>transport</processor>
 *     </mailet>
 * </processor>
 *
 * <!-- Back to the spool queue, waiting longer each time: 1 minute, 5 minutes, then every 15 minutes. After
 *      about two days (200 attempts) the mail is parked in the error repository, from which an admin can
 *      reprocess it through WebAdmin. The first matching mailet wins: Requeue ends the mail's processing. -->
 * <processor state="clamav-retry" enableJmx="true">
 *     <mailet match="dev.mailfort.matchers.ClamAVAttemptsAtLeast=200" class="ToProcessor">
 *         <processor>error</processor>
 *     </mailet>
 *     <mailet match="dev.mailfort.matchers.ClamAVAttemptsAtLeast=3" class="Requeue">
 *         <processor>virus-scan</processor>
 *         <delay>15m</delay>
 *     </mailet>
 *     <mailet match="dev.mailfort.matchers.ClamAVAttemptsAtLeast=2" class="Requeue">
 *         <processor>virus-scan</processor>
 *         <delay>5m</delay>
 *     </mailet>
 *     <mailet match="All" class="Requeue">
 *         <processor>virus-scan</processor>
 *         <delay>1m</delay>
 *     </mailet>
 * </processor>
 * }</pre>
 */
public class ScanWithClamAV extends GenericMailet {
    public static final String VIRUS_STATUS_HEADER = "X-Virus-Status";
    public static final String VIRUS_SCANNED_HEADER = "X-Virus-Scanned";
    static final String DEFAULT_RETRY_PROCESSOR = "clamav-retry";

    private static final Logger LOGGER = LoggerFactory.getLogger(ScanWithClamAV.class);
    private static final AttributeName STATUS = AttributeName.of(ClamAVAttributes.STATUS);
    private static final AttributeName SIGNATURE = AttributeName.of(ClamAVAttributes.SIGNATURE);
    private static final AttributeName FAILED_ATTEMPTS = AttributeName.of(ClamAVAttributes.FAILED_ATTEMPTS);

    enum OnUnavailable { RETRY, TAG }

    private final ScanMetrics metrics;
    private ClamdClient client;
    private OnUnavailable onUnavailable;
    private String retryProcessor;

    /** Verdicts are counted as {@code mailfort_clamav_verdict_*}, scan times as {@code mailfort_clamav_duration}. */
    @Inject
    public ScanWithClamAV(MetricFactory metricFactory) {
        this.metrics = ScanMetrics.of(metricFactory, "clamav");
    }

    @Override
    public void init() throws MessagingException {
        try {
            onUnavailable = parseOnUnavailable(getInitParameter("onUnavailable", "retry"));
            retryProcessor = getInitParameter("retryProcessor", DEFAULT_RETRY_PROCESSOR).trim();
            if (retryProcessor.isEmpty()) {
                throw new IllegalArgumentException("retryProcessor must not be empty");
            }
            ClamdSettings settings = ClamAVParameters.toSettings(this::getInitParameter);
            client = new ClamdClient(settings);
            LOGGER.info("Scanning with {}; when unavailable: {}", settings,
                onUnavailable == OnUnavailable.RETRY ? "retry through processor " + retryProcessor : "tag");
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMailetName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        ClamAVVerdict verdict;
        try {
            verdict = metrics.timed(() -> client.scan(out -> writeMessage(mail, out)));
        } catch (IOException e) {
            // Our storage failed, not clamd: James's onMailetException handling decides, as for any mailet.
            throw new MessagingException("Cannot read mail " + mail.getName() + " to scan it", e);
        }
        metrics.countVerdict(verdict.status().name());
        if (verdict.status() == ClamAVVerdict.Status.UNAVAILABLE) {
            handleUnavailable(mail, verdict);
        } else {
            record(mail, verdict);
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return onUnavailable == OnUnavailable.RETRY ? List.of(new ProcessingState(retryProcessor)) : List.of();
    }

    @Override
    public String getMailetInfo() {
        return "Scans mail for viruses with ClamAV (clamd INSTREAM) and records the verdict";
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.close();
        }
    }

    private static void writeMessage(Mail mail, OutputStream out) throws IOException {
        try {
            mail.getMessage().writeTo(out);
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    private void record(Mail mail, ClamAVVerdict verdict) throws MessagingException {
        setStatus(mail, verdict);
        if (verdict.isInfected()) {
            LOGGER.info("Mail {} is infected: {}", mail.getName(), verdict.signature().orElseThrow());
        } else if (verdict.status() == ClamAVVerdict.Status.TOO_LARGE) {
            LOGGER.info("Mail {} was not scanned: {}", mail.getName(), verdict.detail());
        }
        setHeaders(mail.getMessage(), verdict);
    }

    private void handleUnavailable(Mail mail, ClamAVVerdict verdict) throws MessagingException {
        int attempts = AttributeUtils.getValueAndCastFromMail(mail, FAILED_ATTEMPTS, Number.class)
            .map(Number::intValue).orElse(0) + 1;
        mail.setAttribute(new Attribute(FAILED_ATTEMPTS, AttributeValue.of(attempts)));
        setStatus(mail, verdict);
        if (onUnavailable == OnUnavailable.RETRY) {
            LOGGER.warn("clamd unavailable for mail {} (failed attempt {}): {}; moving it to processor {} to be "
                + "retried", mail.getName(), attempts, verdict.detail(), retryProcessor);
            mail.setState(retryProcessor);
        } else {
            LOGGER.warn("clamd unavailable for mail {}: {}; it goes on unscanned, marked unavailable",
                mail.getName(), verdict.detail());
            setHeaders(mail.getMessage(), verdict);
        }
    }

    private static void setStatus(Mail mail, ClamAVVerdict verdict) {
        mail.setAttribute(new Attribute(STATUS, AttributeValue.of(verdict.status().attributeValue())));
        verdict.signature().ifPresentOrElse(
            signature -> mail.setAttribute(new Attribute(SIGNATURE, AttributeValue.of(signature))),
            () -> mail.removeAttribute(SIGNATURE));
    }

    private static void setHeaders(MimeMessage message, ClamAVVerdict verdict) throws MessagingException {
        message.removeHeader(VIRUS_SCANNED_HEADER);
        message.removeHeader(VIRUS_STATUS_HEADER);
        if (verdict.isClean() || verdict.isInfected()) {
            message.setHeader(VIRUS_SCANNED_HEADER, "ClamAV");
        }
        String status = verdict.status().attributeValue();
        message.setHeader(VIRUS_STATUS_HEADER, verdict.signature().map(signature -> status + "; " + signature)
            .orElse(status));
        message.saveChanges();
    }

    private static OnUnavailable parseOnUnavailable(String value) {
        try {
            return OnUnavailable.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("onUnavailable must be retry or tag, not '" + value + "'");
        }
    }
}
