/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.ImapSessionState;

/**
 * How many literal octets, and how many literals, one IMAP command may announce (CVE-2024-37358).
 *
 * <p>Before login nobody has a reason to send more than a user name and a password: {@value #BEFORE_LOGIN_OCTETS}
 * octets in all. After login the largest legitimate literal is an APPEND, bounded by {@code literalSizeLimit} of
 * {@code imapserver.xml}; the sum of all literals of a command is held to the same bound, because James keeps a
 * command's literals in memory until the command is complete. {@value #MAX_LITERALS_PER_COMMAND} literals per
 * command leave room for the longest real SEARCH while stopping a client that re-parses one command forever.
 */
public record LiteralLimits(long afterLoginOctets) {
    public static final int BEFORE_LOGIN_OCTETS = 8192;
    public static final int MAX_LITERALS_PER_COMMAND = 64;

    /** {@code literalSizeLimit} of imapserver.xml, 0 meaning no limit of its own: then the APPEND limit is 2 GB. */
    public static LiteralLimits afterLogin(int literalSizeLimit) {
        return new LiteralLimits(literalSizeLimit > 0 ? literalSizeLimit : Integer.MAX_VALUE);
    }

    public long octetsFor(ImapSession session) {
        ImapSessionState state = session == null ? ImapSessionState.NON_AUTHENTICATED : session.getState();
        if (state == ImapSessionState.AUTHENTICATED || state == ImapSessionState.SELECTED) {
            return afterLoginOctets;
        }
        return BEFORE_LOGIN_OCTETS;
    }
}
