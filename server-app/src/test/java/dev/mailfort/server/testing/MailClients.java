/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.testing;

import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;

/**
 * Jakarta Mail set up as a mail user's client would be against the test server: TLS everywhere, and the server's
 * self-signed test certificate trusted.
 */
public final class MailClients {
    private MailClients() {
    }

    /** IMAP over implicit TLS (993). */
    public static Store imaps(MailfortServerExtension server, String user, String password) throws MessagingException {
        return imaps(server.port(993), user, password);
    }

    /** IMAP over implicit TLS on a given port (a server in another JVM). */
    public static Store imaps(int port, String user, String password) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.connectiontimeout", "10000");
        props.put("mail.imaps.timeout", "30000");
        Store store = Session.getInstance(props).getStore("imaps");
        store.connect("127.0.0.1", port, user, password);
        return store;
    }

    /** IMAP on 143 upgraded with STARTTLS before LOGIN, as clients configured for "STARTTLS" do. */
    public static Store imapStartTls(MailfortServerExtension server, String user, String password) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.trust", "*");
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "30000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", server.port(143), user, password);
        return store;
    }

    /** SMTP submission session properties for 587 (STARTTLS required) with AUTH. */
    public static Session submission(MailfortServerExtension server) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.port(587)));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        return Session.getInstance(props);
    }

    /** SMTP submission session properties for 465 (implicit TLS) with AUTH. */
    public static Session smtps(MailfortServerExtension server) {
        Properties props = new Properties();
        props.put("mail.smtps.host", "127.0.0.1");
        props.put("mail.smtps.port", String.valueOf(server.port(465)));
        props.put("mail.smtps.auth", "true");
        props.put("mail.smtps.ssl.trust", "*");
        props.put("mail.smtps.connectiontimeout", "10000");
        props.put("mail.smtps.timeout", "30000");
        return Session.getInstance(props);
    }
}
