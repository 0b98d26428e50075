/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.Optional;
import java.util.Set;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.mailbox.MessageUid;

/**
 * Takes FLAGS out of the FETCH responses of messages that were already \Seen, for a FETCH whose client did not ask
 * for FLAGS: {@link SeenMarkedInOneUpdateFetchProcessor} asks James for FLAGS so that the messages it marked show
 * their new flags, and only those should (what James answers when it marks them itself).
 */
final class FlagsOnlyForNewlySeenResponder implements Responder {
    private final Responder responder;
    private final Set<MessageUid> newlySeen;
    private final SelectedMailbox selected;

    /**
     * @param responder the command's responder
     * @param newlySeen the UIDs marked \Seen for this FETCH
     * @param selected the session's mailbox, to find the UID of a response's sequence number
     */
    FlagsOnlyForNewlySeenResponder(Responder responder, Set<MessageUid> newlySeen, SelectedMailbox selected) {
        this.responder = responder;
        this.newlySeen = newlySeen;
        this.selected = selected;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof FetchResponse fetch && fetch.getFlags() != null && !newlySeen(fetch)) {
            responder.respond(FetchResponseCopies.withFlags(fetch, null));
            return;
        }
        responder.respond(message);
    }

    private boolean newlySeen(FetchResponse fetch) {
        Optional<MessageUid> uid = Optional.ofNullable(fetch.getUid())
            .or(() -> selected.uid(fetch.getMessageNumber().asInt()));
        return uid.map(newlySeen::contains).orElse(false);
    }

    @Override
    public void flush() {
        responder.flush();
    }
}
