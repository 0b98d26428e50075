/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What the SMTP session tells about the sender.
 *
 * @param client   the connecting client's address
 * @param helo     the HELO/EHLO argument
 * @param mailFrom the MAIL FROM address without angle brackets; empty for the null reverse-path
 */
public record SmtpIdentities(InetAddress client, String helo, String mailFrom) {

    public SmtpIdentities {
        Objects.requireNonNull(client, "client");
        helo = helo == null ? "" : helo;
        mailFrom = mailFrom == null ? "" : mailFrom;
    }
}
