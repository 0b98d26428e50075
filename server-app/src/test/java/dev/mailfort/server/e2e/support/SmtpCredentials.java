/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What an SMTP client puts on the wire for AUTH PLAIN and AUTH LOGIN (RFC 4616, and the LOGIN draft). */
public final class SmtpCredentials {
    private SmtpCredentials() {
    }

    /** The PLAIN initial response: no authorization identity, then the user and the password, NUL-separated. */
    public static String plain(String user, String password) {
        return base64("\0" + user + "\0" + password);
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
