/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth;

import java.util.List;
import java.util.Objects;

import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;
import dev.mailfort.senderauth.dmarc.DmarcVerdict;
import dev.mailfort.senderauth.header.HeaderFrom;
import dev.mailfort.senderauth.results.AuthenticationResults;
import dev.mailfort.senderauth.spf.SpfVerdict;

/**
 * Everything the sender-authentication checks found about one inbound message. Immutable.
 *
 * @param dmarc the DMARC verdict; PERMERROR with an empty header From when {@code headerFrom} is unusable
 */
public record SenderAuthReport(SpfVerdict spfMailFrom, SpfVerdict spfHelo, List<DkimSignatureVerdict> dkim,
                               HeaderFrom headerFrom, DmarcVerdict dmarc) {

    public SenderAuthReport {
        Objects.requireNonNull(spfMailFrom, "spfMailFrom");
        Objects.requireNonNull(spfHelo, "spfHelo");
        dkim = List.copyOf(dkim);
        Objects.requireNonNull(headerFrom, "headerFrom");
        Objects.requireNonNull(dmarc, "dmarc");
    }

    /** The Authentication-Results value (folded) for our authserv-id. */
    public String authenticationResults(String authservId) {
        return AuthenticationResults.forAuthservId(authservId)
            .spf(spfMailFrom)
            .spf(spfHelo)
            .dkim(dkim)
            .dmarc(dmarc)
            .foldedValue();
    }
}
