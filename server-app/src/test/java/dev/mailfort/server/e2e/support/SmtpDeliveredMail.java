/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.mail.Address;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Store;
import javax.mail.search.SubjectTerm;

import dev.mailfort.server.testing.MailClients;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * A mail as its recipient reads it back over IMAPS (993): what proves that mail sent over SMTP was delivered to the
 * mailbox, not just accepted.
 */
public record SmtpDeliveredMail(String subject, List<String> from, List<String> to, String body) {
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    /** Waits for the mail with this subject in the user's INBOX (one IMAP login). */
    public static SmtpDeliveredMail awaitInInbox(MailfortServerExtension server, String user, String password, String subject)
            throws MessagingException {
        try (Store store = MailClients.imaps(server, user, password)) {
            Folder inbox = store.getFolder("INBOX");
            AtomicReference<SmtpDeliveredMail> found = new AtomicReference<>();
            await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200)).until(() -> {
                found.set(find(inbox, subject));
                return found.get() != null;
            });
            return found.get();
        }
    }

    /** The subjects in the user's INBOX right now (one IMAP login). */
    public static List<String> subjectsInInbox(MailfortServerExtension server, String user, String password)
            throws MessagingException {
        try (Store store = MailClients.imaps(server, user, password)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> subjects = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    subjects.add(message.getSubject());
                }
                return subjects;
            } finally {
                inbox.close(false);
            }
        }
    }

    private static SmtpDeliveredMail find(Folder inbox, String subject) throws MessagingException, IOException {
        inbox.open(Folder.READ_ONLY);
        try {
            Message[] matches = inbox.search(new SubjectTerm(subject));
            if (matches.length == 0) {
                return null;
            }
            Message message = matches[0];
            return new SmtpDeliveredMail(message.getSubject(), addresses(message.getFrom()),
                addresses(message.getRecipients(Message.RecipientType.TO)),
                ((String) message.getContent()).replace("\r\n", "\n"));
        } finally {
            inbox.close(false);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }
}
