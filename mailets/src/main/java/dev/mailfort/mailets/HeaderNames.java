/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import javax.mail.MessagingException;

/** Checks header field names taken from the configuration (RFC 5322 section 3.6.8: printable ASCII, no colon). */
final class HeaderNames {
    private HeaderNames() {
    }

    static String require(String parameter, String value) throws MessagingException {
        String name = value.strip();
        if (!name.matches("[!-9;-~]+")) {
            throw new MessagingException(parameter + " is not a header field name: '" + value + "'");
        }
        return name;
    }
}
