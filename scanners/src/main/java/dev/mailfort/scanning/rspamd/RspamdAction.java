/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import java.util.Arrays;
import java.util.Optional;

/** What rspamd advises the MTA to do with a message, as named in its {@code /checkv2} reply. */
public enum RspamdAction {
    NO_ACTION("no action", false),
    GREYLIST("greylist", false),
    ADD_HEADER("add header", true),
    REWRITE_SUBJECT("rewrite subject", true),
    SOFT_REJECT("soft reject", false),
    REJECT("reject", true),
    /** Drop silently; only set by rspamd rules that force it. */
    DISCARD("discard", true),
    /** Keep aside; only set by rspamd rules that force it. */
    QUARANTINE("quarantine", true);

    private final String wireName;
    private final boolean spam;

    RspamdAction(String wireName, boolean spam) {
        this.wireName = wireName;
        this.spam = spam;
    }

    /** The name on the wire and in the {@code mailfort.rspamd.action} attribute, e.g. {@code add header}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the action says the message is spam. Greylist and soft reject only ask the sender to come back
     * later: rspamd has not concluded, so the message is not called spam.
     */
    public boolean isSpam() {
        return spam;
    }

    /** Accepts the wire name, case-insensitively, with a space, underscore or hyphen between words. */
    public static Optional<RspamdAction> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.trim().replace('_', ' ').replace('-', ' ');
        return Arrays.stream(values())
            .filter(action -> action.wireName.equalsIgnoreCase(normalized))
            .findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
