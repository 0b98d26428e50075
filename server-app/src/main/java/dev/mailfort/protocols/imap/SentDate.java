/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Optional;

import org.apache.james.imap.api.message.request.DayMonthYear;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mime4j.dom.datetime.DateTime;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;
import org.apache.james.mime4j.field.datetime.parser.ParseException;
import org.apache.james.mime4j.field.datetime.parser.TokenMgrError;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * The calendar day of a message's {@code Date:} header as written, in the header's own time zone: what SENTON,
 * SENTBEFORE and SENTSINCE compare (RFC 3501 section 6.4.4, "disregarding time and timezone"). James 3.8.1 moves
 * the date to GMT first, so a message sent late in the evening west of Greenwich is found on the next day.
 */
final class SentDate {
    private SentDate() {
    }

    static Optional<LocalDate> of(MessageResult message) throws MailboxException {
        Iterator<Header> headers = message.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            if ("Date".equalsIgnoreCase(header.getName())) {
                return parse(MimeUtil.unscrambleHeaderValue(header.getValue()));
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> parse(String value) {
        try {
            DateTime written = new DateTimeParser(new StringReader(value)).parseAll();
            return Optional.of(LocalDate.of(written.getYear(), written.getMonth(), written.getDay()));
        } catch (ParseException | TokenMgrError | DateTimeException e) {
            // Like James: a message without a readable date is not found by a sent-date criterion.
            return Optional.empty();
        }
    }

    /** Whether a sent day satisfies a SENTON, SENTBEFORE or SENTSINCE key. */
    static boolean matches(SearchKey key, LocalDate sent) {
        DayMonthYear asked = key.getDate();
        LocalDate day = LocalDate.of(asked.getYear(), asked.getMonth(), asked.getDay());
        switch (key.getType()) {
            case TYPE_SENTON:
                return sent.isEqual(day);
            case TYPE_SENTBEFORE:
                return sent.isBefore(day);
            case TYPE_SENTSINCE:
                return !sent.isBefore(day);
            default:
                throw new IllegalArgumentException("not a sent date key: " + key.getType());
        }
    }

    static boolean isSentDateKey(SearchKey key) {
        return key.getType() == SearchKey.Type.TYPE_SENTON
            || key.getType() == SearchKey.Type.TYPE_SENTBEFORE
            || key.getType() == SearchKey.Type.TYPE_SENTSINCE;
    }
}
