/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.allowlist.AuthenticatedFrom;
import dev.mailfort.allowlist.SenderAllowList;
import dev.mailfort.mailets.RspamdMailCheck;
import dev.mailfort.mailets.RspamdMailEnvelope;
import dev.mailfort.mailets.RspamdParameters;
import dev.mailfort.mailets.RspamdVerdictRecorder;
import dev.mailfort.mailets.monitoring.DecisionRecorder;
import dev.mailfort.mailets.monitoring.ScanMetrics;
import dev.mailfort.scanning.rspamd.RspamdClient;
import dev.mailfort.scanning.rspamd.RspamdEnvelope;
import dev.mailfort.scanning.rspamd.RspamdScan;
import dev.mailfort.scanning.rspamd.RspamdSettings;
import dev.mailfort.scanning.rspamd.RspamdVerdict;

/**
 * Asks rspamd about each message at the end of DATA, before the server answers, so that a spam verdict is a
 * refusal the sending server has to deal with, never a bounce we would send to a sender address anybody can
 * forge (backscatter).
 *
 * <h2>Replies</h2>
 * <ul>
 *   <li>{@code reject}: {@code 550 5.7.1}; the mail is not queued. Unless every recipient has the mail's
 *       authenticated From address on its {@link SenderAllowList} (an admin vouched for that sender, see
 *       {@link AuthenticatedFrom}; {@code CheckSenderAuthenticity} must run before this hook): then the mail is
 *       accepted with its verdict, and the pipeline's {@code SenderIsAllowedByRecipient} lets it through. With
 *       some recipients allowing and others not, the mail is refused (one reply covers every recipient).</li>
 *   <li>{@code soft reject} and {@code greylist}: {@code 451 4.7.1}; the sending server tries again later.</li>
 *   <li>rspamd unavailable (down, too slow, failing, talking nonsense), with {@code onUnavailable} =
 *       {@code tempfail}: {@code 451 4.3.0}. The sending server keeps the mail and retries, so none goes in
 *       unscanned. With {@code accept}: the mail is queued with no verdict and the {@code ScanWithRspamd} mailet
 *       scans it after the {@code 250}, retrying on its own schedule.</li>
 *   <li>Message over {@code maxSize}: accepted with no verdict (the mailet records it as too large).</li>
 *   <li>Any other action ({@code no action}, {@code add header}, {@code rewrite subject}, and the rule-forced
 *       {@code quarantine} and {@code discard}): the handlers after this one go on, with the verdict recorded on
 *       the mail exactly as {@code ScanWithRspamd} records it (attributes {@code mailfort.rspamd.*},
 *       {@code X-Spam-*} headers replacing any the sender wrote, rewritten subject) and the mark
 *       {@code mailfort.rspamd.scanned-in-session}, by which the mailet knows not to scan that mail again. What
 *       happens to spam (Junk folder, quarantine) is then the mailet pipeline's decision.</li>
 * </ul>
 * Reply texts say nothing about rules or scores. Each decision is logged on one line with the queue id, the
 * client's address, rspamd's action and score, never with message content.
 *
 * <h2>Where it runs</h2>
 * A message hook: James runs the message hooks of the {@code <handlerchain>} in order, ours before its own
 * ({@code AddDefaultAttributesMessageHook}, then {@code SendMailHandler}, which queues the mail). So the mail
 * given here is the very one James queues: attributes set and headers changed here are in the spool (James
 * writes a message with changed headers as the changed headers followed by the received body, untouched). For
 * the same reason the client's address, HELO and AUTH user are taken from the session, not from the mail:
 * James copies them onto the mail only after this hook.
 *
 * <h2>Parameters</h2>
 * Every one is optional.
 * <ul>
 *   <li>{@code url} (default {@code http://127.0.0.1:11333}): rspamd's scanner worker (or its proxy).</li>
 *   <li>{@code connectTimeout} (default {@code 2s}): the longest wait for a connection. Durations are
 *       {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h}; a bare number is seconds.</li>
 *   <li>{@code readTimeout} (default {@code 15s}): the longest wait for rspamd's reply. The client waits that
 *       long before its answer to the final dot: keep it well under the 10 minutes RFC 5321 (4.5.3.2.6) lets a
 *       client wait, and above rspamd's {@code task_timeout} (8 s by default).</li>
 *   <li>{@code maxSize} (default {@code 10M}): larger messages are not sent to rspamd and are accepted. Sizes are
 *       {@code 10M}, {@code 512K}, {@code 1G} or bytes.</li>
 *   <li>{@code password} (default none): sent as rspamd's {@code Password} header.</li>
 *   <li>{@code onUnavailable} (default {@code tempfail}): {@code tempfail} or {@code accept}, see above.</li>
 *   <li>{@code rewriteSubject} (default {@code true}): apply rspamd's new subject for {@code rewrite subject}.</li>
 *   <li>{@code maxSymbolsHeaderLength} (default {@code 1000}): the {@code X-Spam-Symbols} value is cut (at a whole
 *       symbol) to at most this many characters.</li>
 * </ul>
 * Use the same {@code url}, {@code maxSize}, {@code rewriteSubject} and {@code maxSymbolsHeaderLength} as the
 * {@code ScanWithRspamd} mailet, so that a verdict reads the same whichever of the two made it.
 *
 * <h2>Example ({@code smtpserver.xml})</h2>
 * <pre>{@code
 * <handlerchain>
 *     <handler class="dev.mailfort.protocols.smtp.RefuseAuthWithoutTls"/>
 *     <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
 *     <handler class="dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting">
 *         <url>http://127.0.0.1:11333</url>
 *         <connectTimeout>2s</connectTimeout>
 *         <readTimeout>15s</readTimeout>
 *         <maxSize>10M</maxSize>
 *         <onUnavailable>tempfail</onUnavailable>
 *         <rewriteSubject>true</rewriteSubject>
 *         <maxSymbolsHeaderLength>1000</maxSymbolsHeaderLength>
 *     </handler>
 * </handlerchain>
 * }</pre>
 */
public class CheckSpamBeforeAccepting implements JamesMessageHook {
    static final HookResult SPAM = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
            + " Message refused as spam")
        .build();
    static final HookResult TRY_LATER = HookResult.builder()
        .hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode(SMTPRetCode.LOCAL_ERROR)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SECURITY_AUTH)
            + " Message deferred, try again later")
        .build();
    static final HookResult CANNOT_CHECK = TemporaryFailure.CANNOT_CHECK;

    private static final Logger LOGGER = LoggerFactory.getLogger(CheckSpamBeforeAccepting.class);

    enum OnUnavailable { TEMPFAIL, ACCEPT }

    private final ScanMetrics metrics;
    private final DecisionRecorder decisions;
    private final SenderAllowList allowList;
    private RspamdClient client;
    private RspamdVerdictRecorder recorder;
    private OnUnavailable onUnavailable;

    /** Verdicts count as {@code mailfort_rspamd_verdict_*} like the mailet's; refusals as {@code mailfort_mail_*}. */
    @Inject
    public CheckSpamBeforeAccepting(MetricFactory metricFactory, SenderAllowList allowList) {
        this.metrics = ScanMetrics.of(metricFactory, "rspamd");
        this.decisions = new DecisionRecorder(metricFactory);
        this.allowList = allowList;
    }

    /** Without an allow list: every reject verdict is refused. */
    public CheckSpamBeforeAccepting(MetricFactory metricFactory) {
        this(metricFactory, SenderAllowList.none());
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        try {
            RspamdParameters parameters = new RspamdParameters(name -> config.getString(name, null));
            RspamdSettings settings = parameters.settings();
            onUnavailable = onUnavailable(parameters.value("onUnavailable").orElse("tempfail"));
            recorder = new RspamdVerdictRecorder(parameters.bool("rewriteSubject", true),
                parameters.positiveInteger("maxSymbolsHeaderLength",
                    RspamdVerdictRecorder.DEFAULT_MAX_SYMBOLS_HEADER_LENGTH));
            client = new RspamdClient(settings);
            LOGGER.info("Checking spam with rspamd before accepting mail, {}; when unavailable: {}", settings,
                onUnavailable.name().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        String clientAddress = clientAddress(session);
        RspamdVerdict verdict;
        try {
            verdict = metrics.timed(() -> RspamdMailCheck.check(client, mail, envelope(session, mail, clientAddress)));
        } catch (MessagingException e) {
            LOGGER.error("Mail {} from {}: cannot read it to check for spam, answering 451", mail.getName(),
                clientAddress, e);
            return CANNOT_CHECK;
        }
        metrics.countVerdict(RspamdMailCheck.verdictName(verdict));
        switch (verdict.status()) {
            case SCANNED:
                return decide(mail, clientAddress, verdict);
            case TOO_LARGE:
                LOGGER.info("Mail {} from {}: not checked for spam ({}), accepting it", mail.getName(), clientAddress,
                    verdict.detail());
                return HookResult.DECLINED;
            default:
                return unavailable(mail, clientAddress, verdict);
        }
    }

    private HookResult decide(Mail mail, String clientAddress, RspamdVerdict verdict) {
        RspamdScan scan = verdict.scan().orElseThrow();
        switch (scan.action()) {
            case REJECT:
                if (everyRecipientAllowsTheSender(mail)) {
                    return accept(mail, clientAddress, verdict, scan,
                        "accepted, every recipient allows the authenticated sender");
                }
                log(mail, clientAddress, scan, "550");
                decisions.record(mail, "rejected", Optional.of("spam"));
                return SPAM;
            case SOFT_REJECT:
            case GREYLIST:
                log(mail, clientAddress, scan, "451");
                decisions.record(mail, "deferred", Optional.of("greylist"));
                return TRY_LATER;
            default:
                return accept(mail, clientAddress, verdict, scan, "accepted");
        }
    }

    private HookResult accept(Mail mail, String clientAddress, RspamdVerdict verdict, RspamdScan scan,
                              String outcome) {
        try {
            recorder.record(mail, verdict);
        } catch (MessagingException e) {
            LOGGER.error("Mail {} from {}: cannot record rspamd's verdict on it, answering 451",
                mail.getName(), clientAddress, e);
            return CANNOT_CHECK;
        }
        RspamdVerdictRecorder.markScannedInSession(mail);
        log(mail, clientAddress, scan, outcome);
        return HookResult.DECLINED;
    }

    // A list that cannot be read allows nobody: the mail is refused as it was before the list existed.
    private boolean everyRecipientAllowsTheSender(Mail mail) {
        Optional<String> sender = AuthenticatedFrom.of(mail);
        if (sender.isEmpty() || mail.getRecipients().isEmpty()) {
            return false;
        }
        try {
            return mail.getRecipients().stream()
                .allMatch(recipient -> allowList.contains(recipient.asString(), sender.get()));
        } catch (RuntimeException e) {
            LOGGER.warn("Mail {}: cannot read the sender allow list, refusing the spam verdict as usual",
                mail.getName(), e);
            return false;
        }
    }

    private HookResult unavailable(Mail mail, String clientAddress, RspamdVerdict verdict) {
        if (onUnavailable == OnUnavailable.TEMPFAIL) {
            LOGGER.warn("Mail {} from {}: rspamd at {} unavailable ({}), answering 451", mail.getName(), clientAddress,
                client.settings().uri(), verdict.detail());
            decisions.record(mail, "deferred", Optional.of("rspamd-unavailable"));
            return CANNOT_CHECK;
        }
        LOGGER.warn("Mail {} from {}: rspamd at {} unavailable ({}), accepting it to be scanned after queueing",
            mail.getName(), clientAddress, client.settings().uri(), verdict.detail());
        return HookResult.DECLINED;
    }

    private static void log(Mail mail, String clientAddress, RspamdScan scan, String outcome) {
        LOGGER.info("Mail {} from {}: rspamd says {} (score {}/{}), {}", mail.getName(), clientAddress,
            scan.action(), scan.score(), scan.requiredScore(), outcome);
    }

    private static RspamdEnvelope envelope(SMTPSession session, Mail mail, String clientAddress) {
        InetSocketAddress remote = session.getRemoteAddress();
        // Java resolves the name once per address and keeps it; James asks for the same name right after us.
        String hostname = remote == null ? null : remote.getHostName();
        Optional<String> helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection);
        Optional<String> user = Optional.ofNullable(session.getUsername()).map(Username::asString);
        return RspamdMailEnvelope.of(mail, clientAddress, hostname, helo, user);
    }

    private static String clientAddress(SMTPSession session) {
        InetSocketAddress remote = session.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return null;
        }
        return remote.getAddress().getHostAddress();
    }

    private static OnUnavailable onUnavailable(String value) {
        try {
            return OnUnavailable.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("onUnavailable must be tempfail or accept, not '" + value + "'");
        }
    }
}
