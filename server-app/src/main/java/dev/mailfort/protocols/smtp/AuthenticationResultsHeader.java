/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import dev.mailfort.senderauth.results.AuthenticationResults;
import dev.mailfort.senderauth.results.AuthservIdClaim;

/**
 * Puts our Authentication-Results field at the top of a message (RFC 8601 §5 asks for it to be prepended like a
 * trace field) after removing every field that claims our authserv-id: a sender could otherwise hand readers and
 * filters forged verdicts under our name. Fields of other authserv-ids are kept as they are.
 */
final class AuthenticationResultsHeader {

    private AuthenticationResultsHeader() {
    }

    /**
     * @param value the field value, already folded
     * @return how many fields claiming our authserv-id were removed
     */
    static int replace(MimeMessage message, String authservId, String value) throws MessagingException {
        // javax.mail appends new fields at the bottom; to prepend, every field is taken off and put back behind
        // ours, as the original lines (folding included), so that nothing else changes.
        List<String> lines = Collections.list(message.getAllHeaderLines());
        Set<String> names = new LinkedHashSet<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            names.add(header.getName());
        }
        List<String> kept = new ArrayList<>(lines.size());
        int removed = 0;
        for (String line : lines) {
            if (claimsOurs(line, authservId)) {
                removed++;
            } else {
                kept.add(line);
            }
        }
        for (String name : names) {
            message.removeHeader(name);
        }
        message.addHeaderLine(AuthenticationResults.HEADER_NAME + ": " + value);
        for (String line : kept) {
            message.addHeaderLine(line);
        }
        return removed;
    }

    private static boolean claimsOurs(String line, String authservId) {
        int colon = line.indexOf(':');
        if (colon < 0 || !line.substring(0, colon).trim().equalsIgnoreCase(AuthenticationResults.HEADER_NAME)) {
            return false;
        }
        return AuthservIdClaim.claims(line.substring(colon + 1), authservId);
    }
}
