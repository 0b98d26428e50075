/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the {@link SenderAllowList}: mail whose authenticated From address is {@code sender} is not held as
 * spam for {@code recipient}.
 *
 * @param recipient the envelope recipient (RCPT TO) as the spam check sees it, in lower case
 * @param sender    the address of the From header field, in lower case
 * @param addedBy   who added the entry (an admin's name, "webadmin"), for the record
 * @param addedAt   when
 */
public record AllowedSender(String recipient, String sender, String addedBy, Instant addedAt) {

    public AllowedSender {
        recipient = normalize(Objects.requireNonNull(recipient, "recipient"));
        sender = normalize(Objects.requireNonNull(sender, "sender"));
        addedBy = addedBy == null ? "" : addedBy;
        Objects.requireNonNull(addedAt, "addedAt");
        if (recipient.isEmpty() || sender.isEmpty()) {
            throw new IllegalArgumentException("An allowed sender needs a recipient and a sender address");
        }
    }

    /**
     * Addresses are compared without regard to case: RFC 5321 lets the local part be case-sensitive, but no mail
     * system we deliver for treats it so, and an entry that silently missed "Alice@" would surprise every admin.
     */
    public static String normalize(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }
}
