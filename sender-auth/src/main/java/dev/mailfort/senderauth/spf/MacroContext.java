/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.net.InetAddress;

/**
 * The values SPF macros expand to (RFC 7208 §7.2) for one check_host() call.
 *
 * @param sender        the full sender address, {@code local@domain}
 * @param currentDomain the domain whose record is being evaluated (%{d})
 * @param ip            the SMTP client's address
 * @param helo          the HELO/EHLO name
 */
record MacroContext(String sender, String currentDomain, InetAddress ip, String helo) {

    String localPart() {
        int at = sender.lastIndexOf('@');
        return at < 0 ? "postmaster" : sender.substring(0, at);
    }

    String senderDomain() {
        int at = sender.lastIndexOf('@');
        return at < 0 ? sender : sender.substring(at + 1);
    }

    MacroContext withCurrentDomain(String domain) {
        return new MacroContext(sender, domain, ip, helo);
    }
}
