/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.nio.charset.StandardCharsets;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/** A tag such as {@code [EXTERNAL]} put in front of the subject once, however many mailets ask for it. */
final class SubjectPrefix {
    private SubjectPrefix() {
    }

    /** @return whether the subject was changed */
    static boolean apply(MimeMessage message, String prefix) throws MessagingException {
        if (prefix.isEmpty()) {
            return false;
        }
        String subject = message.getSubject();
        String current = subject == null ? "" : subject.strip();
        if (current.startsWith(prefix)) {
            return false;
        }
        message.setSubject(current.isEmpty() ? prefix : prefix + " " + current, StandardCharsets.UTF_8.name());
        return true;
    }
}
