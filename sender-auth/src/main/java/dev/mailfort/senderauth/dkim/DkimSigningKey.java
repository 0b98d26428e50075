/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.security.PrivateKey;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A private key and where its public half is published: {@code <selector>._domainkey.<domain>}. */
public record DkimSigningKey(String domain, String selector, PrivateKey privateKey) {
    private static final Pattern LABELS = Pattern.compile("[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");

    public DkimSigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
        selector = Objects.requireNonNull(selector, "selector").toLowerCase(Locale.ROOT);
        // Both end up inside a header field and a DNS name: nothing but DNS labels may get there.
        if (!LABELS.matcher(domain).matches()) {
            throw new IllegalArgumentException("not a domain name: " + domain);
        }
        if (!LABELS.matcher(selector).matches()) {
            throw new IllegalArgumentException("not a selector: " + selector);
        }
        DkimKeyAlgorithm.of(privateKey);
    }

    public DkimKeyAlgorithm algorithm() {
        return DkimKeyAlgorithm.of(privateKey);
    }

    /** Where the TXT record of this key is published. */
    public String recordName() {
        return selector + "._domainkey." + domain;
    }
}
