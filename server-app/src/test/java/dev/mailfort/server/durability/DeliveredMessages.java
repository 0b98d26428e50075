/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.durability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.mail.FetchProfile;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Store;

import dev.mailfort.server.testing.MailClients;

/**
 * What the load tests' recipients really have, read over IMAPS from every folder (spam would be in Junk), with the
 * headers that show a message went through both scanners.
 */
record DeliveredMessages(List<Delivered> all) {
    record Delivered(String messageId, String virusStatus, String spamStatus) {
        boolean scannedByBoth() {
            return "clean".equals(virusStatus) && spamStatus != null;
        }
    }

    static DeliveredMessages read(int imapsPort, List<String> addresses, String password) throws MessagingException {
        List<Delivered> all = new ArrayList<>();
        for (String address : addresses) {
            try (Store store = MailClients.imaps(imapsPort, address, password)) {
                for (Folder folder : store.getDefaultFolder().list("*")) {
                    if ((folder.getType() & Folder.HOLDS_MESSAGES) != 0) {
                        readFolder(folder, all);
                    }
                }
            }
        }
        return new DeliveredMessages(List.copyOf(all));
    }

    /** Message-ID → how many copies. */
    Map<String, Integer> countByMessageId() {
        Map<String, Integer> counts = new HashMap<>();
        all.forEach(delivered -> counts.merge(delivered.messageId(), 1, Integer::sum));
        return counts;
    }

    private static void readFolder(Folder folder, List<Delivered> into) throws MessagingException {
        folder.open(Folder.READ_ONLY);
        try {
            Message[] messages = folder.getMessages();
            FetchProfile headers = new FetchProfile();
            headers.add("Message-ID");
            headers.add("X-Virus-Status");
            headers.add("X-Spam-Status");
            folder.fetch(messages, headers);
            for (Message message : messages) {
                String[] ids = message.getHeader("Message-ID");
                if (ids != null) {
                    into.add(new Delivered(ids[0].trim(), first(message, "X-Virus-Status"), first(message, "X-Spam-Status")));
                }
            }
        } finally {
            folder.close(false);
        }
    }

    private static String first(Message message, String header) throws MessagingException {
        String[] values = message.getHeader(header);
        return values == null ? null : values[0].trim();
    }
}
