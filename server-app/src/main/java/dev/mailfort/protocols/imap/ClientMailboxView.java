/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.mail.Flags;

import org.apache.james.imap.api.process.ImapSession;

/**
 * What the client of an IMAP session has been told about its selected mailbox, from the responses actually sent to
 * it: the number of messages (the last {@code EXISTS}, less each {@code EXPUNGE} since) and the keywords of the last
 * {@code FLAGS} response (a client replaces its list with each one, RFC 9051 7.3.5). Kept as a session attribute;
 * keywords compare without case, as IMAP compares them.
 */
final class ClientMailboxView {
    private static final String ATTRIBUTE = ClientMailboxView.class.getName();
    private static final long UNKNOWN = -1;

    private final Set<String> keywords = new HashSet<>();
    private long messages = UNKNOWN;

    private ClientMailboxView() {
    }

    /** The session's view, created empty with the session's first command. */
    static ClientMailboxView of(ImapSession session) {
        synchronized (session) {
            if (session.getAttribute(ATTRIBUTE) instanceof ClientMailboxView view) {
                return view;
            }
            ClientMailboxView created = new ClientMailboxView();
            session.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    /**
     * Records a FLAGS response sent to the client.
     *
     * @param flags the flags of the response, which replace those announced before
     */
    synchronized void flagsAnnounced(Flags flags) {
        keywords.clear();
        Arrays.stream(flags.getUserFlags()).map(ClientMailboxView::normalized).forEach(keywords::add);
    }

    /**
     * Whether the flags of a message hold a keyword the client has not been told about.
     *
     * @param flags the flags of a message about to be sent in a FETCH response
     */
    synchronized boolean lacksAKeywordOf(Flags flags) {
        return Arrays.stream(flags.getUserFlags()).map(ClientMailboxView::normalized)
            .anyMatch(keyword -> !keywords.contains(keyword));
    }

    /**
     * Records an EXISTS response sent to the client.
     *
     * @param count the number of messages it announced
     */
    synchronized void existsAnnounced(long count) {
        messages = count;
    }

    /** Records an EXPUNGE response sent to the client: one message less. */
    synchronized void expungeAnnounced() {
        if (messages > 0) {
            messages--;
        }
    }

    /** Forgets the number of messages, after a response that changes it by an amount this view cannot tell. */
    synchronized void messageCountUnknown() {
        messages = UNKNOWN;
    }

    /**
     * Whether the client was told of a message with this sequence number; true when the count is unknown, so that
     * nothing is added to the responses then.
     *
     * @param msn the message sequence number about to be sent
     */
    synchronized boolean knowsMessage(int msn) {
        return messages == UNKNOWN || msn <= messages;
    }

    private static String normalized(String keyword) {
        return keyword.toLowerCase(Locale.ROOT);
    }
}
