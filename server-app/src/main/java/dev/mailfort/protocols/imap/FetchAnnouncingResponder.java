/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import javax.mail.Flags;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FlagsResponse;
import org.apache.james.imap.message.response.VanishedResponse;

/**
 * Passes a command's responses on to the client, keeping {@link ClientMailboxView} up to date, and, before a
 * {@code FETCH} response that would show the client something it was not told about, first tells it: an
 * {@code * n EXISTS} for a sequence number above the messages it knows, a {@code * FLAGS} and
 * {@code * OK [PERMANENTFLAGS ...]} for a keyword no FLAGS response announced. An {@code EXPUNGE} response without a
 * sequence number (James would write {@code * -1 EXPUNGE}) is dropped: its message was already reported expunged.
 * See {@link AnnouncedBeforeFetchProcessor} for the bugs.
 */
final class FetchAnnouncingResponder implements Responder {
    private final Responder responder;
    private final ImapSession session;
    private final StatusResponseFactory statusResponses;
    private final ClientMailboxView view;

    /**
     * @param responder the command's responder, that writes to the client
     * @param session the client's session: its selected mailbox gives the counts and flags to announce
     * @param statusResponses builds the untagged OK that carries PERMANENTFLAGS
     */
    FetchAnnouncingResponder(Responder responder, ImapSession session, StatusResponseFactory statusResponses) {
        this.responder = responder;
        this.session = session;
        this.statusResponses = statusResponses;
        this.view = ClientMailboxView.of(session);
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof FetchResponse fetch) {
            announceWhatFetchShows(fetch);
        } else if (message instanceof FlagsResponse flags) {
            view.flagsAnnounced(flags.getFlags());
        } else if (message instanceof ExistsResponse exists) {
            view.existsAnnounced(exists.getNumberOfMessages());
        } else if (message instanceof ExpungeResponse expunge) {
            if (expunge.getMessageSequenceNumber().asInt().isEmpty()) {
                return;
            }
            view.expungeAnnounced();
        } else if (message instanceof VanishedResponse vanished && !vanished.isEarlier()) {
            view.messageCountUnknown();
        }
        responder.respond(message);
    }

    private void announceWhatFetchShows(FetchResponse fetch) {
        SelectedMailbox selected = session.getSelected();
        if (selected == null) {
            return;
        }
        if (!view.knowsMessage(fetch.getMessageNumber().asInt())) {
            // The selected mailbox numbers a message another session added before this session said EXISTS.
            long count = Math.max(selected.existsCount(), fetch.getMessageNumber().asInt());
            view.existsAnnounced(count);
            responder.respond(new ExistsResponse(count));
        }
        if (fetch.getFlags() != null && view.lacksAKeywordOf(fetch.getFlags())) {
            announceKeywords(selected, fetch.getFlags());
        }
    }

    private void announceKeywords(SelectedMailbox selected, Flags shown) {
        Flags flags = selected.getApplicableFlags();
        // The mailbox's list may not have caught up yet with a keyword another session has just stored.
        flags.add(shown);
        flags.remove(Flags.Flag.RECENT);
        view.flagsAnnounced(flags);
        responder.respond(new FlagsResponse(flags));
        Flags permanent = selected.getMessageManager().getPermanentFlags(session.getMailboxSession());
        if (permanent.contains(Flags.Flag.USER)) {
            permanent.add(flags);
        }
        responder.respond(statusResponses.untaggedOk(HumanReadableText.permanentFlags(permanent),
            ResponseCode.permanentFlags(permanent)));
    }

    @Override
    public void flush() {
        responder.flush();
    }
}
