/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.scanning.rspamd.RspamdAction;
import dev.mailfort.scanning.rspamd.RspamdAttributes;
import dev.mailfort.scanning.rspamd.RspamdScan;
import dev.mailfort.scanning.rspamd.RspamdSymbol;
import dev.mailfort.scanning.rspamd.RspamdVerdict;

/**
 * Writes an rspamd verdict onto a mail: the {@code mailfort.rspamd.*} attributes, the {@code X-Spam-*} headers
 * (after removing any the sender wrote) and, for {@code rewrite subject}, rspamd's subject. One piece of code for
 * {@link ScanWithRspamd} (after the mail was accepted) and for the SMTP server's in-session check (before), so a
 * verdict looks the same to the matchers and to mail clients whichever of the two made it.
 *
 * <p>Only the verdict: counting failed attempts and retrying belong to the mailet.
 *
 * <p>Also keeps the one-shot {@link RspamdAttributes#SCANNED_IN_SESSION} mark, by which the SMTP server tells
 * {@link ScanWithRspamd} that the mail it queued was scanned already.
 *
 * <p>Thread-safe (it keeps only its settings).
 */
public final class RspamdVerdictRecorder {
    public static final int DEFAULT_MAX_SYMBOLS_HEADER_LENGTH = 1000;

    private static final Logger LOGGER = LoggerFactory.getLogger(RspamdVerdictRecorder.class);
    private static final AttributeName STATUS = AttributeName.of(RspamdAttributes.STATUS);
    private static final AttributeName ACTION = AttributeName.of(RspamdAttributes.ACTION);
    private static final AttributeName SCORE = AttributeName.of(RspamdAttributes.SCORE);
    private static final AttributeName REQUIRED_SCORE = AttributeName.of(RspamdAttributes.REQUIRED_SCORE);
    private static final AttributeName SYMBOLS = AttributeName.of(RspamdAttributes.SYMBOLS);
    private static final AttributeName SCANNED_IN_SESSION = AttributeName.of(RspamdAttributes.SCANNED_IN_SESSION);
    private static final List<AttributeName> VERDICT_ATTRIBUTES = List.of(ACTION, SCORE, REQUIRED_SCORE, SYMBOLS);

    private final boolean rewriteSubject;
    private final int maxSymbolsHeaderLength;

    /**
     * @param rewriteSubject         whether to apply rspamd's subject for {@code rewrite subject}
     * @param maxSymbolsHeaderLength the longest {@code X-Spam-Symbols} value, cut at a whole symbol
     */
    public RspamdVerdictRecorder(boolean rewriteSubject, int maxSymbolsHeaderLength) {
        if (maxSymbolsHeaderLength <= 0) {
            throw new IllegalArgumentException("maxSymbolsHeaderLength must be positive, not " + maxSymbolsHeaderLength);
        }
        this.rewriteSubject = rewriteSubject;
        this.maxSymbolsHeaderLength = maxSymbolsHeaderLength;
    }

    /**
     * Records {@code verdict}. When it is not a scan ({@code too-large}, {@code unavailable}) any earlier verdict
     * is removed, attributes and headers alike, so a mail never carries a verdict that is not its latest.
     */
    public void record(Mail mail, RspamdVerdict verdict) throws MessagingException {
        MimeMessage message = mail.getMessage();
        boolean changed = RspamdSpamHeaders.removeFrom(message);
        mail.setAttribute(new Attribute(STATUS, AttributeValue.of(verdict.status().attributeValue())));
        if (verdict.isScanned()) {
            RspamdScan scan = verdict.scan().orElseThrow();
            recordAttributes(mail, scan);
            RspamdSpamHeaders.write(message, scan, maxSymbolsHeaderLength);
            rewriteSubject(mail, scan);
            changed = true;
        } else {
            VERDICT_ATTRIBUTES.forEach(mail::removeAttribute);
        }
        if (changed) {
            message.saveChanges();
        }
    }

    /** Marks the mail as scanned by the SMTP server, for {@link #takeScannedInSessionMark(Mail)}. */
    public static void markScannedInSession(Mail mail) {
        mail.setAttribute(new Attribute(SCANNED_IN_SESSION, AttributeValue.of(true)));
    }

    /**
     * Removes the in-session mark and tells whether the mail carried it together with a recorded scan. A mark
     * without a scan (which the SMTP server never sets) does not count: scanning again is the safe side.
     */
    public static boolean takeScannedInSessionMark(Mail mail) {
        boolean marked = AttributeUtils.getValueAndCastFromMail(mail, SCANNED_IN_SESSION, Boolean.class)
            .orElse(false);
        mail.removeAttribute(SCANNED_IN_SESSION);
        boolean scanned = AttributeUtils.getValueAndCastFromMail(mail, STATUS, String.class)
            .filter(RspamdVerdict.Status.SCANNED.attributeValue()::equals)
            .isPresent();
        return marked && scanned;
    }

    private static void recordAttributes(Mail mail, RspamdScan scan) {
        mail.setAttribute(new Attribute(ACTION, AttributeValue.of(scan.action().wireName())));
        mail.setAttribute(new Attribute(SCORE, AttributeValue.of(scan.score())));
        mail.setAttribute(new Attribute(REQUIRED_SCORE, AttributeValue.of(scan.requiredScore())));
        Map<String, AttributeValue<?>> symbols = new LinkedHashMap<>();
        for (RspamdSymbol symbol : scan.symbols()) {
            symbols.put(symbol.name(), AttributeValue.of(symbol.score()));
        }
        mail.setAttribute(new Attribute(SYMBOLS, AttributeValue.of(symbols)));
    }

    private void rewriteSubject(Mail mail, RspamdScan scan) throws MessagingException {
        if (!rewriteSubject || scan.action() != RspamdAction.REWRITE_SUBJECT) {
            return;
        }
        if (scan.rewrittenSubject().isPresent()) {
            mail.getMessage().setSubject(scan.rewrittenSubject().get(), "UTF-8");
        } else {
            LOGGER.warn("rspamd asked to rewrite the subject of mail {} but sent no subject", mail.getName());
        }
    }
}
