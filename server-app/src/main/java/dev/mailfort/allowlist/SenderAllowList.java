/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import java.util.List;

/**
 * Senders that recipients' admins vouched for: mail from such a sender, when its From address is authenticated
 * (see {@link AuthenticatedFrom}), is not held or filed as spam for those recipients. It never bypasses the virus
 * or attachment checks. Keyed by recipient then sender address (both compared in lower case); shared by every node.
 */
public interface SenderAllowList {

    /** Adds the entry, or replaces the one with the same recipient and sender. */
    void add(AllowedSender entry);

    /** @return whether there was such an entry */
    boolean remove(String recipient, String sender);

    /** Whether {@code recipient} allows {@code sender}. One key lookup. */
    boolean contains(String recipient, String sender);

    /** Every entry, by recipient. For the admin pages, not for mail processing. */
    List<AllowedSender> list();

    /** A list that allows nobody and cannot be changed, for code run without one. */
    static SenderAllowList none() {
        return NoSenderAllowed.INSTANCE;
    }
}
