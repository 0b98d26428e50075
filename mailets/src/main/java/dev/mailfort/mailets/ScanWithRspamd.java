/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.inject.Inject;
import javax.mail.MessagingException;

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
import dev.mailfort.scanning.rspamd.RspamdAttributes;
import dev.mailfort.scanning.rspamd.RspamdClient;
import dev.mailfort.scanning.rspamd.RspamdSettings;
import dev.mailfort.scanning.rspamd.RspamdVerdict;

/**
 * Asks rspamd about the mail ({@code POST /checkv2} with the raw message and the SMTP envelope: client address,
 * HELO, MAIL FROM, recipients, authenticated user, queue id) and records its verdict. What to do with the verdict
 * is left to matchers and mailets after it, so an admin decides in XML.
 *
 * <h2>What it records</h2>
 * <ul>
 *   <li>Attribute {@code mailfort.rspamd.status}: {@code scanned}, {@code too-large} (not sent: over
 *       {@code maxSize}) or {@code unavailable} (rspamd down, too slow, failing or talking nonsense). Only
 *       {@code scanned} comes with a verdict; the other two never mean "not spam".</li>
 *   <li>When scanned: {@code mailfort.rspamd.action} (rspamd's name, e.g. {@code add header}),
 *       {@code mailfort.rspamd.score} and {@code mailfort.rspamd.required-score} (Double) and
 *       {@code mailfort.rspamd.symbols} (map of symbol name to Double score). Removed when not scanned, so a
 *       verdict from an earlier pass never survives a failed one.</li>
 *   <li>{@code mailfort.rspamd.failed-attempts} (Integer): how many scans of this mail found rspamd unavailable.</li>
 *   <li>When scanned, the headers {@code X-Spam-Action}, {@code X-Spam-Score},
 *       {@code X-Spam-Status: Yes|No, score=8.20 required=15.00} and {@code X-Spam-Symbols} (cut to
 *       {@code maxSymbolsHeaderLength}); {@code Yes} for add header, rewrite subject, reject, quarantine and
 *       discard. Headers of these names already in the message are always removed first: a sender must not be
 *       able to forge them, and an unscanned mail must not carry them.</li>
 *   <li>With the action {@code rewrite subject}, the subject rspamd wrote (e.g. {@code ***SPAM*** Hello}),
 *       unless {@code rewriteSubject} is false.</li>
 * </ul>
 * The matchers {@code RspamdActionIs}, {@code IsSpam}, {@code SpamScoreIsAbove} and {@code RspamdAttemptsAtLeast}
 * act on the attributes. (The recording itself is {@link RspamdVerdictRecorder}'s.)
 *
 * <h2>Mail scanned during the SMTP session</h2>
 * When the SMTP server already asked rspamd before accepting the mail (the {@code CheckSpamBeforeAccepting}
 * handler), it recorded the verdict the same way and set the attribute
 * {@code mailfort.rspamd.scanned-in-session}. This mailet then does not scan again: it keeps that verdict and
 * removes the mark, so the mail is scanned anew if it ever comes back (released from a quarantine, say).
 *
 * <h2>When rspamd is unavailable</h2>
 * With {@code onUnavailable} = {@code retry} (the default) the mail is failed closed, as {@code ScanWithClamAV}
 * does it: not delivered unscanned, not bounced, not lost. The mailet counts the failure and moves the mail to
 * {@code retryProcessor}, where James's {@code Requeue} mailet puts it back in the spool with a delay that grows
 * with the attempts; it then starts again at the top of the scanning processor. (Throwing instead would, in James
 * 3.8.1, either park the mail in the error repository or have the spooler retry it at once, five times, with no
 * delay.) With {@code onUnavailable} = {@code tag} the mail goes on, marked {@code unavailable}.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code url} (default {@code http://127.0.0.1:11333}): rspamd's scanner worker (or its proxy).</li>
 *   <li>{@code connectTimeout} (default {@code 2s}): the longest wait for a connection. Durations are
 *       {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h}; a bare number is seconds.</li>
 *   <li>{@code readTimeout} (default {@code 15s}): the longest wait for rspamd's whole reply. Keep it above rspamd's
 *       {@code task_timeout} (8 s by default).</li>
 *   <li>{@code maxSize} (default {@code 10M}): larger messages are not sent and get {@code too-large}. Sizes are
 *       {@code 10M}, {@code 512K}, {@code 1G} or bytes.</li>
 *   <li>{@code password} (default none): sent as rspamd's {@code Password} header, for a controller or proxy that
 *       wants one.</li>
 *   <li>{@code onUnavailable} (default {@code retry}): {@code retry} or {@code tag}, see above.</li>
 *   <li>{@code retryProcessor} (default {@code rspamd-retry}): where {@code retry} sends the mail. James refuses to
 *       start if this processor is not defined.</li>
 *   <li>{@code rewriteSubject} (default {@code true}): apply rspamd's new subject for {@code rewrite subject}.</li>
 *   <li>{@code maxSymbolsHeaderLength} (default {@code 1000}): the {@code X-Spam-Symbols} value is cut (at a whole
 *       symbol, ending with {@code , ...}) to at most this many characters.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <processor state="spam-scan" enableJmx="true">
 *     <!-- First in its processor: a retried mail starts again at the top, and nothing before it runs twice. -->
 *     <mailet match="All" class="dev.mailfort.mailets.ScanWithRspamd">
 *         <url>http://127.0.0.1:11333</url>
 *         <connectTimeout>2s</connectTimeout>
 *         <readTimeout>15s</readTimeout>
 *         <maxSize>10M</maxSize>
 *         <onUnavailable>retry</onUnavailable>
 *         <retryProcessor>rspamd-retry</retryProcessor>
 *         <rewriteSubject>true</rewriteSubject>
 *         <maxSymbolsHeaderLength>1000</maxSymbolsHeaderLength>
 *     </mailet>
 *     <mailet match="dev.mailfort.matchers.RspamdActionIs=reject" class="ToRepository">
 *         <repositoryPath>cassandra://var/mail/quarantine/</repositoryPath>
 *     </mailet>
 *     <mailet match="dev.mailfort.matchers.IsSpam" class="WithStorageDirective">
 *         <targetFolderName>Junk</targetFolderName>
 *     </mailet>
 *     <mailet match="All" class="ToProcessor">
 *         <processor>transport</processor>
 *     </mailet>
 * </processor>
 *
 * <!-- Back to the spool, waiting longer each time: 1 minute, 5 minutes, then every 15 minutes; after about two
 *      days the mail is parked in the error repository (no bounce), from which an admin can reprocess it. -->
 * <processor state="rspamd-retry" enableJmx="true">
 *     <mailet match="dev.mailfort.matchers.RspamdAttemptsAtLeast=200" class="ToProcessor">
 *         <processor>error</processor>
 *     </mailet>
 *     <mailet match="dev.mailfort.matchers.RspamdAttemptsAtLeast=3" class="Requeue">
 *         <processor>spam-scan</processor>
 *         <delay>15m</delay>
 *     </mailet>
 *     <mailet match="dev.mailfort.matchers.RspamdAttemptsAtLeast=2" class="Requeue">
 *         <processor>spam-scan</processor>
 *         <delay>5m</delay>
 *     </mailet>
 *     <mailet match="All" class="Requeue">
 *         <processor>spam-scan</processor>
 *         <delay>1m</delay>
 *     </mailet>
 * </processor>
 * }</pre>
 */
public class ScanWithRspamd extends GenericMailet {
    static final String DEFAULT_RETRY_PROCESSOR = "rspamd-retry";

    private static final Logger LOGGER = LoggerFactory.getLogger(ScanWithRspamd.class);
    private static final AttributeName FAILED_ATTEMPTS = AttributeName.of(RspamdAttributes.FAILED_ATTEMPTS);

    enum OnUnavailable { RETRY, TAG }

    private final ScanMetrics metrics;
    private RspamdClient client;
    private OnUnavailable onUnavailable;
    private String retryProcessor;
    private RspamdVerdictRecorder recorder;

    /** Verdicts are counted as {@code mailfort_rspamd_verdict_*}, scan times as {@code mailfort_rspamd_duration}. */
    @Inject
    public ScanWithRspamd(MetricFactory metricFactory) {
        this.metrics = ScanMetrics.of(metricFactory, "rspamd");
    }

    @Override
    public void init() throws MessagingException {
        try {
            RspamdParameters parameters = new RspamdParameters(this::getInitParameter);
            RspamdSettings settings = parameters.settings();
            onUnavailable = onUnavailable(parameters.value("onUnavailable").orElse("retry"));
            retryProcessor = parameters.value("retryProcessor").orElse(DEFAULT_RETRY_PROCESSOR);
            recorder = new RspamdVerdictRecorder(parameters.bool("rewriteSubject", true),
                parameters.positiveInteger("maxSymbolsHeaderLength",
                    RspamdVerdictRecorder.DEFAULT_MAX_SYMBOLS_HEADER_LENGTH));
            client = new RspamdClient(settings);
            LOGGER.info("Scanning with rspamd, {}; when unavailable: {}", settings,
                onUnavailable == OnUnavailable.RETRY ? "retry through processor " + retryProcessor : "tag");
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMailetName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (RspamdVerdictRecorder.takeScannedInSessionMark(mail)) {
            LOGGER.debug("Mail {} was scanned by rspamd before it was accepted; keeping that verdict", mail.getName());
            return;
        }
        RspamdVerdict verdict = metrics.timed(() -> scan(mail));
        metrics.countVerdict(RspamdMailCheck.verdictName(verdict));
        recorder.record(mail, verdict);
        switch (verdict.status()) {
            case SCANNED:
                LOGGER.debug("rspamd: mail {} {}", mail.getName(), verdict);
                break;
            case TOO_LARGE:
                LOGGER.info("Mail {} not scanned by rspamd: {}", mail.getName(), verdict.detail());
                break;
            default:
                handleUnavailable(mail, verdict);
                break;
        }
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return onUnavailable == OnUnavailable.RETRY ? List.of(new ProcessingState(retryProcessor)) : List.of();
    }

    @Override
    public String getMailetInfo() {
        return "Scans mail for spam with rspamd (HTTP /checkv2) and records the verdict";
    }

    private RspamdVerdict scan(Mail mail) throws MessagingException {
        // A failure to read the mail (our storage, not rspamd) is thrown: James's onMailetException handling
        // decides, as for any mailet.
        return RspamdMailCheck.check(client, mail, RspamdMailEnvelope.of(mail));
    }

    private void handleUnavailable(Mail mail, RspamdVerdict verdict) {
        int attempts = AttributeUtils.getValueAndCastFromMail(mail, FAILED_ATTEMPTS, Number.class)
            .map(Number::intValue).orElse(0) + 1;
        mail.setAttribute(new Attribute(FAILED_ATTEMPTS, AttributeValue.of(attempts)));
        if (onUnavailable == OnUnavailable.RETRY) {
            LOGGER.warn("rspamd at {} unavailable for mail {} (failed attempt {}): {}; moving it to processor {} to "
                + "be retried", client.settings().uri(), mail.getName(), attempts, verdict.detail(), retryProcessor);
            mail.setState(retryProcessor);
        } else {
            LOGGER.warn("rspamd at {} unavailable for mail {}: {}; it goes on unscanned, marked unavailable",
                client.settings().uri(), mail.getName(), verdict.detail());
        }
    }

    private static OnUnavailable onUnavailable(String value) {
        try {
            return OnUnavailable.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("onUnavailable must be retry or tag, not '" + value + "'");
        }
    }
}
