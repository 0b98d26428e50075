/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.mailets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.mailets.monitoring.ScanMetrics;
import dev.mailfort.scanning.attachments.AttachmentAttributes;
import dev.mailfort.scanning.attachments.AttachmentFinding;
import dev.mailfort.scanning.attachments.AttachmentPolicy;
import dev.mailfort.scanning.attachments.AttachmentPolicySettings;
import dev.mailfort.scanning.attachments.AttachmentVerdict;

/**
 * Applies Mailfort's attachment policy ({@link AttachmentPolicy}) to each mail and acts on a blocked verdict.
 *
 * <p>The message is read once, as a stream, by the policy: file names, real content (magic bytes), zip/tar/gzip/TNEF
 * archives to a depth limit under zip-bomb guards, encrypted entries and Office macros. Every mail gets the
 * attributes {@value AttachmentAttributes#STATUS} ({@code clean}, {@code blocked} or {@code stripped}) and
 * {@value AttachmentAttributes#FINDINGS} (one line per finding, blocking or not). Any
 * {@value AttachmentAttributes#HEADER} header arriving with the mail is removed first, so that only this mailet
 * writes it. What happens to a blocked mail depends on {@code onBlocked}:
 * <ul>
 *   <li>{@code quarantine}: nothing more than the attributes (and, when {@code quarantineProcessor} is set, the mail
 *       moves to that processor); route it with the {@code HasBlockedAttachment} matcher, for example to a
 *       {@code ToRepository} quarantine.</li>
 *   <li>{@code strip}: each blocked part is replaced by a short text/plain notice naming the file and the reason;
 *       the rewritten message is inspected again and, if clean, replaces the original with status
 *       {@code stripped} and a header {@code X-Mailfort-Attachment-Policy: stripped; ...}. When the blocked content
 *       is not a removable part (a message whose structure cannot be parsed, for example) or the rewrite is still
 *       blocked, the mail is left as it was with status {@code blocked}, as in {@code quarantine}.</li>
 *   <li>{@code tag}: the header {@code X-Mailfort-Attachment-Policy: blocked; ...} is added and the mail goes on.</li>
 * </ul>
 *
 * <p>Parameters (every one optional):
 * <table>
 *   <caption>Init parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>onBlocked</td><td>quarantine</td><td>{@code quarantine}, {@code strip} or {@code tag}, as above</td></tr>
 *   <tr><td>quarantineProcessor</td><td>(none)</td><td>processor a blocked mail moves to, with
 *       {@code quarantine} and when {@code strip} cannot strip</td></tr>
 *   <tr><td>blockedExtensions</td><td>the built-in list</td><td>comma-separated extensions replacing the built-in
 *       list ({@link AttachmentPolicySettings#DEFAULT_BLOCKED_EXTENSIONS}: exe, com, scr, pif, bat, cmd, js, jse,
 *       vbs, vbe, wsf, hta, ps1, lnk, iso, img, vhd, msi, jar, one, ...)</td></tr>
 *   <tr><td>extraBlockedExtensions</td><td>(none)</td><td>extensions added to the list</td></tr>
 *   <tr><td>allowedExtensions</td><td>(none)</td><td>extensions taken off the list</td></tr>
 *   <tr><td>blockedContentKinds</td><td>PE_EXECUTABLE, ELF_EXECUTABLE, MACH_O_EXECUTABLE, SCRIPT,
 *       WINDOWS_SHORTCUT, DISK_IMAGE, COMPILED_HELP, RAR, SEVEN_ZIP, CAB, BZIP2, XZ</td><td>real content kinds
 *       that block, names from {@code ContentKind}</td></tr>
 *   <tr><td>maxArchiveDepth</td><td>3</td><td>archive levels opened (1: the entries of an attached zip only)</td></tr>
 *   <tr><td>maxArchiveEntries</td><td>10000</td><td>entries over all levels of one attachment</td></tr>
 *   <tr><td>maxUncompressedBytes</td><td>512m</td><td>uncompressed bytes over all levels of one attachment
 *       (suffixes k, m, g)</td></tr>
 *   <tr><td>maxCompressionRatio</td><td>100</td><td>uncompressed/compressed, per entry and per attachment</td></tr>
 *   <tr><td>compressionRatioMinBytes</td><td>1m</td><td>the ratio is judged only past this size</td></tr>
 *   <tr><td>blockEncrypted</td><td>true</td><td>encrypted archive entries and password-protected Office files
 *       block</td></tr>
 *   <tr><td>blockMacros</td><td>true</td><td>VBA projects, Excel 4 macro sheets and OpenDocument macros block</td></tr>
 *   <tr><td>blockUninspectable</td><td>true</td><td>content that cannot be read to the end (parse errors,
 *       truncation, unknown encodings, ambiguous headers, limits) blocks</td></tr>
 *   <tr><td>blockMalformedMime</td><td>false</td><td>recoverable MIME damage (missing closing boundary, invalid
 *       header lines, bad base64 characters) blocks</td></tr>
 *   <tr><td>blockContentTypeMismatch</td><td>true</td><td>a name or declared type promising one thing over active
 *       content of another kind blocks</td></tr>
 *   <tr><td>blockDoubleExtensions</td><td>true</td><td>{@code invoice.pdf.exe} style names block (the final
 *       blocked extension blocks anyway)</td></tr>
 *   <tr><td>blockBidiControls</td><td>true</td><td>bidirectional control characters in a name block</td></tr>
 *   <tr><td>maxMimeDepth</td><td>20</td><td>multiparts and attached messages nested deeper are uninspectable</td></tr>
 *   <tr><td>maxParts</td><td>1000</td><td>more MIME entities than this are uninspectable</td></tr>
 *   <tr><td>maxHeaderBytes</td><td>64k</td><td>longest header field accepted</td></tr>
 *   <tr><td>maxHeaderCount</td><td>1000</td><td>most header fields per MIME entity</td></tr>
 *   <tr><td>maxFindings</td><td>100</td><td>findings kept per mail (more are counted and still block)</td></tr>
 * </table>
 * A tripped zip-bomb guard or archive depth limit always blocks. An unknown parameter name or an
 * invalid value stops the mailet container from starting.
 *
 * <p>Example, quarantining blocked mail:
 * <pre>{@code
 * <mailet match="All" class="dev.mailfort.mailets.ApplyAttachmentPolicy">
 *     <onBlocked>quarantine</onBlocked>
 *     <extraBlockedExtensions>xlam, ppam</extraBlockedExtensions>
 *     <maxArchiveDepth>3</maxArchiveDepth>
 * </mailet>
 * <mailet match="dev.mailfort.matchers.HasBlockedAttachment" class="ToRepository">
 *     <repositoryPath>cassandra://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * }</pre>
 * or stripping instead:
 * <pre>{@code
 * <mailet match="All" class="dev.mailfort.mailets.ApplyAttachmentPolicy">
 *     <onBlocked>strip</onBlocked>
 *     <quarantineProcessor>quarantine</quarantineProcessor>
 * </mailet>
 * }</pre>
 */
public class ApplyAttachmentPolicy extends GenericMailet {

    /** What a blocked verdict leads to. */
    public enum OnBlocked { QUARANTINE, STRIP, TAG }

    private static final Logger LOGGER = LoggerFactory.getLogger(ApplyAttachmentPolicy.class);
    private static final AttributeName STATUS = AttributeName.of(AttachmentAttributes.STATUS);
    private static final AttributeName FINDINGS = AttributeName.of(AttachmentAttributes.FINDINGS);
    private static final int MAX_HEADER_FINDINGS = 5;
    private static final int MAX_HEADER_LENGTH = 900;

    private final ScanMetrics metrics;
    private AttachmentPolicy policy;
    private OnBlocked onBlocked;
    private Optional<String> quarantineProcessor;

    /** Verdicts are counted as {@code mailfort_attachments_verdict_*}, times as {@code mailfort_attachments_duration}. */
    @Inject
    public ApplyAttachmentPolicy(MetricFactory metricFactory) {
        this.metrics = ScanMetrics.of(metricFactory, "attachments");
    }

    @Override
    public void init() throws MessagingException {
        ApplyAttachmentPolicyParameters parameters = new ApplyAttachmentPolicyParameters(this);
        policy = new AttachmentPolicy(parameters.settings());
        onBlocked = parameters.onBlocked();
        quarantineProcessor = parameters.quarantineProcessor();
    }

    @Override
    public String getMailetInfo() {
        return "Applies Mailfort's attachment policy and quarantines, strips or tags blocked mail";
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (message.getHeader(AttachmentAttributes.HEADER) != null) {
            message.removeHeader(AttachmentAttributes.HEADER);
        }
        AttachmentVerdict verdict = metrics.timed(() -> inspect(message));
        metrics.countVerdict(verdict.outcome().label());
        record(mail, verdict, verdict.outcome().label());
        if (!verdict.isBlocked()) {
            return;
        }
        LOGGER.info("Attachment policy blocked mail {}: {}", mail.getName(), summary(verdict));
        switch (onBlocked) {
            case TAG -> tag(message, AttachmentAttributes.STATUS_BLOCKED, verdict);
            case STRIP -> stripOrQuarantine(mail, message, verdict);
            case QUARANTINE -> quarantine(mail);
        }
    }

    private void stripOrQuarantine(Mail mail, MimeMessage message, AttachmentVerdict verdict)
            throws MessagingException {
        Optional<MimeMessage> stripped;
        try {
            stripped = StripBlockedAttachments.strip(message, verdict);
        } catch (IOException | MessagingException | RuntimeException e) {
            LOGGER.warn("Could not strip mail {}, leaving it blocked", mail.getName(), e);
            stripped = Optional.empty();
        }
        if (stripped.isPresent()) {
            // the rewrite is only kept if the policy finds nothing left in it
            AttachmentVerdict after = inspect(stripped.get());
            if (!after.isBlocked()) {
                tag(stripped.get(), AttachmentAttributes.STATUS_STRIPPED, verdict);
                mail.setMessage(stripped.get());
                record(mail, verdict, AttachmentAttributes.STATUS_STRIPPED);
                return;
            }
            LOGGER.warn("Mail {} still blocked after stripping: {}", mail.getName(), summary(after));
        }
        quarantine(mail);
    }

    private void quarantine(Mail mail) {
        quarantineProcessor.ifPresent(mail::setState);
    }

    private AttachmentVerdict inspect(MimeMessage message) throws MessagingException {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(message.getSize(), 0) + 4096);
            message.writeTo(raw);
            return policy.inspect(new ByteArrayInputStream(raw.toByteArray()));
        } catch (IOException e) {
            throw new MessagingException("Could not read mail for the attachment policy", e);
        }
    }

    private static void record(Mail mail, AttachmentVerdict verdict, String status) {
        mail.setAttribute(new Attribute(STATUS, AttributeValue.of(status)));
        List<AttributeValue<?>> lines = verdict.findings().stream()
                .<AttributeValue<?>>map(finding -> AttributeValue.of(finding.describe()))
                .toList();
        if (verdict.omittedFindings() > 0) {
            lines = new ArrayList<>(lines);
            lines.add(AttributeValue.of("... and " + verdict.omittedFindings() + " more finding(s)"));
        }
        mail.setAttribute(new Attribute(FINDINGS, AttributeValue.of((Collection<AttributeValue<?>>) lines)));
    }

    private static void tag(MimeMessage message, String status, AttachmentVerdict verdict) throws MessagingException {
        String value = printable(status + "; " + summary(verdict));
        if (value.length() > MAX_HEADER_LENGTH) {
            value = value.substring(0, MAX_HEADER_LENGTH - 3) + "...";
        }
        // a header change needs no saveChanges, which would also replace the Message-ID
        message.setHeader(AttachmentAttributes.HEADER,
                MimeUtility.fold(AttachmentAttributes.HEADER.length() + 2, value));
    }

    /** {@code 2 "invoice.pdf.exe": blocked-extension; ...} for the blocking findings, the first few. */
    private static String summary(AttachmentVerdict verdict) {
        List<AttachmentFinding> blocking = verdict.blockingFindings();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(blocking.size(), MAX_HEADER_FINDINGS); i++) {
            AttachmentFinding finding = blocking.get(i);
            if (i > 0) {
                text.append("; ");
            }
            text.append(finding.isMessageLevel() ? "message" : "part " + finding.partPath());
            if (!finding.displayName().isEmpty()) {
                text.append(" \"").append(finding.displayName()).append('"');
            }
            text.append(": ").append(finding.reason().label());
        }
        int more = blocking.size() - MAX_HEADER_FINDINGS + verdict.omittedFindings();
        if (more > 0) {
            text.append("; and ").append(more).append(" more");
        }
        return text.toString();
    }

    /** Without control and bidi characters, for the notice text: file names come from hostile mail. */
    static String readable(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bidi = c == '\u200E' || c == '\u200F' || c == '\u061C' || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069');
            clean.append(Character.isISOControl(c) || bidi ? '?' : c);
        }
        return clean.toString();
    }

    /** Printable ASCII only, for the header: file names come from hostile mail. */
    static String printable(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return clean.toString();
    }
}
