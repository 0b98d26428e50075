/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;

/** Mails built from raw header text, so that folding and encoded words reach the mailet as a client sent them. */
final class RawMails {
    private RawMails() {
    }

    static Mail mail(String headers) throws Exception {
        String raw = headers.replace("\n", "\r\n") + "\r\n\r\nHello.\r\n";
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        return FakeMail.builder().name("mail1").mimeMessage(message)
            .sender("sender@elsewhere.example").recipient("bob@example.com").build();
    }

    static String written(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A mailet context for which the given domains are local (FakeMailContext only knows "localhost"). */
    static MailetContext withLocalDomains(String... domains) {
        Set<Domain> local = Set.of(Arrays.stream(domains).map(Domain::of).toArray(Domain[]::new));
        MailetContext fake = FakeMailContext.defaultContext();
        return (MailetContext) Proxy.newProxyInstance(RawMails.class.getClassLoader(), new Class<?>[] {MailetContext.class},
            (proxy, method, args) -> {
                if (method.getName().equals("isLocalServer")) {
                    return local.contains((Domain) args[0]);
                }
                try {
                    return method.invoke(fake, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }
}
