/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.header;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.field.address.ParseException;

/**
 * Extracts the single header From address (RFC 7489 §6.6.1). Parses strictly first, then leniently: a From line
 * with a sloppy display name still has a usable domain, while anything that does not yield exactly one address
 * with a domain is refused, since DMARC cannot be evaluated on it. Stateless and thread-safe.
 */
public final class HeaderFromExtractor {

    private static final Pattern DNS_NAME =
        Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

    private HeaderFromExtractor() {
    }

    public static HeaderFrom extract(byte[] message) {
        return extract(RawHeaderReader.read(message));
    }

    public static HeaderFrom extract(List<HeaderField> fields) {
        List<HeaderField> from = fields.stream().filter(f -> f.hasName("From")).toList();
        if (from.isEmpty()) {
            return new HeaderFrom(HeaderFrom.Status.MISSING, "", "", "no From header field");
        }
        if (from.size() > 1) {
            return new HeaderFrom(HeaderFrom.Status.SEVERAL_FIELDS, "", "", from.size() + " From header fields");
        }
        String value = from.get(0).value();
        MailboxList mailboxes = parse(value);
        if (mailboxes == null || mailboxes.isEmpty()) {
            return new HeaderFrom(HeaderFrom.Status.UNREADABLE, "", "", "no address in From: " + value);
        }
        if (mailboxes.size() > 1) {
            return new HeaderFrom(HeaderFrom.Status.SEVERAL_ADDRESSES, "", "",
                mailboxes.size() + " addresses in From");
        }
        Mailbox mailbox = mailboxes.get(0);
        String domain = mailbox.getDomain();
        if (domain == null || domain.isBlank() || domain.startsWith("[")) {
            return new HeaderFrom(HeaderFrom.Status.UNREADABLE, "", "", "no domain in From: " + value);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain.trim(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return new HeaderFrom(HeaderFrom.Status.UNREADABLE, "", "", "invalid domain in From: " + domain);
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        // IDN.toASCII drops some characters (controls, NUL) instead of refusing them, so a domain made of those
        // came out empty and passed as usable (found by SenderAuthParsersFuzzTest): DMARC then had no policy to
        // find. Only a real host name can be evaluated.
        if (!DNS_NAME.matcher(ascii).matches() || ascii.length() > 253) {
            return new HeaderFrom(HeaderFrom.Status.UNREADABLE, "", "", "invalid domain in From: " + domain);
        }
        return new HeaderFrom(HeaderFrom.Status.USABLE, mailbox.getAddress(), ascii, "");
    }

    private static MailboxList parse(String value) {
        AddressList addresses;
        try {
            addresses = DefaultAddressParser.DEFAULT.parseAddressList(value);
        } catch (ParseException | RuntimeException e) {
            addresses = LenientAddressParser.DEFAULT.parseAddressList(value);
        }
        return addresses == null ? null : addresses.flatten();
    }
}
