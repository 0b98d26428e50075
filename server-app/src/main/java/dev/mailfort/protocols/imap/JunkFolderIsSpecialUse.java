/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.process.DefaultMailboxTyper;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.mailbox.model.MailboxPath;

/**
 * Marks the top-level {@code Junk} folder {@code \Junk} (RFC 6154 SPECIAL-USE) in LIST replies, as James already
 * marks its {@code Spam} folder. The scanning pipeline delivers spam into {@code Junk}, the name most clients use;
 * without the attribute a client would not recognise it as the junk folder and might create one of its own.
 */
public class JunkFolderIsSpecialUse implements MailboxTyper {
    static final String JUNK = "Junk";

    private final DefaultMailboxTyper defaults;

    @Inject
    public JunkFolderIsSpecialUse(DefaultMailboxTyper defaults) {
        this.defaults = defaults;
    }

    @Override
    public MailboxType getMailboxType(ImapSession session, MailboxPath path) {
        if (JUNK.equalsIgnoreCase(path.getName())) {
            return MailboxType.SPAM;
        }
        return defaults.getMailboxType(session, path);
    }
}
