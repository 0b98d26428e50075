/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import dev.mailfort.scanning.rspamd.RspamdScan;
import dev.mailfort.scanning.rspamd.RspamdSymbol;

/**
 * The {@code X-Spam-*} headers that carry rspamd's verdict to mail clients and Sieve scripts:
 * <pre>
 * X-Spam-Action: add header
 * X-Spam-Score: 8.20
 * X-Spam-Status: Yes, score=8.20 required=15.00
 * X-Spam-Symbols: MAILFORT_TEST_ADD_HEADER(8.00), RCVD_NO_TLS_LAST(0.10), FROM_HAS_DN(0.00), ...
 * </pre>
 * {@code Yes} when the action says spam (see {@code RspamdAction.isSpam()}). Symbols go highest score first, so a
 * symbols header cut to its length limit keeps the ones that weighed most.
 */
final class RspamdSpamHeaders {
    static final String ACTION = "X-Spam-Action";
    static final String SCORE = "X-Spam-Score";
    static final String STATUS = "X-Spam-Status";
    static final String SYMBOLS = "X-Spam-Symbols";
    static final List<String> ALL = List.of(ACTION, SCORE, STATUS, SYMBOLS);
    private static final String CUT_MARK = ", ...";

    private RspamdSpamHeaders() {
    }

    /**
     * Removes headers of these names: they may come from the sender, who would like {@code X-Spam-Status: No}.
     *
     * @return whether there was any
     */
    static boolean removeFrom(MimeMessage message) throws MessagingException {
        boolean removed = false;
        for (String header : ALL) {
            if (message.getHeader(header) != null) {
                message.removeHeader(header);
                removed = true;
            }
        }
        return removed;
    }

    static void write(MimeMessage message, RspamdScan scan, int maxSymbolsLength) throws MessagingException {
        message.setHeader(ACTION, scan.action().wireName());
        message.setHeader(SCORE, number(scan.score()));
        message.setHeader(STATUS, (scan.action().isSpam() ? "Yes" : "No")
            + ", score=" + number(scan.score()) + " required=" + number(scan.requiredScore()));
        if (!scan.symbols().isEmpty()) {
            // Folded, since a header line must stay under 998 characters.
            message.setHeader(SYMBOLS, MimeUtility.fold(SYMBOLS.length() + 2, symbols(scan.symbols(), maxSymbolsLength)));
        }
    }

    static String symbols(List<RspamdSymbol> symbols, int maxLength) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < symbols.size(); i++) {
            RspamdSymbol symbol = symbols.get(i);
            String entry = (i == 0 ? "" : ", ") + symbol.name() + "(" + number(symbol.score()) + ")";
            boolean last = i == symbols.size() - 1;
            if (value.length() + entry.length() + (last ? 0 : CUT_MARK.length()) > maxLength) {
                return i == 0 ? CUT_MARK.substring(2) : value.append(CUT_MARK).toString();
            }
            value.append(entry);
        }
        return value.toString();
    }

    private static String number(double value) {
        return TwoDecimals.format(value);
    }
}
