/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.nio.charset.CharacterCodingException;

/**
 * Recognises how James 3.8.1 fails on a mailbox name or pattern that is not valid modified UTF-7 (RFC 3501 5.1.3),
 * e.g. {@code "&Jjo"} without its closing {@code -}: its {@code ModifiedUtf7.decodeModifiedUTF7} lets the charset
 * library's {@link CharacterCodingException} escape from {@code Charset.decode} wrapped in a {@link java.lang.Error}.
 * Nothing in James catches an {@code Error}: it reaches Netty, and the connection is dropped without an answer
 * (issue 12, item 4).
 *
 * <p>Remove with {@link MailboxNameCheckingParsers} and {@link MailboxNameCheckingProcessor} once James answers
 * such names itself (run {@code ImapMailboxNameTest} against the stock server first).
 */
final class UndecodableMailboxName {
    private UndecodableMailboxName() {
    }

    static boolean isCause(Throwable failure) {
        return failure instanceof Error && failure.getCause() instanceof CharacterCodingException;
    }
}
