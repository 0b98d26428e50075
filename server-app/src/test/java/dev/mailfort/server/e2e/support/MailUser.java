/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.util.concurrent.atomic.AtomicInteger;

import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * A mail account created through WebAdmin for one test, so that each test reads a mailbox nobody else writes to
 * and can count on exact message numbers.
 */
public record MailUser(String address, String password) {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** A new account {@code <name>-<n>@<domain>}; the domain must already exist on the server. */
    public static MailUser create(MailfortServerExtension server, String name, String domain) {
        int n = SEQUENCE.incrementAndGet();
        MailUser user = new MailUser(name + "-" + n + "@" + domain, name + "-Secret-" + n);
        server.webAdmin().addUser(user.address(), user.password());
        return user;
    }

    /** The LOGIN arguments as IMAP quoted strings. */
    public String imapLoginArguments() {
        return "\"" + address + "\" \"" + password + "\"";
    }
}
