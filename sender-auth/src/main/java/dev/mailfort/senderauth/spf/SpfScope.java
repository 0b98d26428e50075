/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

/** Which SMTP identity an SPF check was about (RFC 7208 §2.3 and §2.4). */
public enum SpfScope {
    MAIL_FROM("smtp.mailfrom"),
    HELO("smtp.helo");

    private final String authResultsProperty;

    SpfScope(String authResultsProperty) {
        this.authResultsProperty = authResultsProperty;
    }

    /** The RFC 8601 property that names the identity in an Authentication-Results header. */
    public String authResultsProperty() {
        return authResultsProperty;
    }
}
