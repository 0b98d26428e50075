/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import dev.mailfort.senderauth.dkim.DkimChecker;
import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;
import dev.mailfort.senderauth.dmarc.DmarcEvaluator;
import dev.mailfort.senderauth.dmarc.DmarcPolicy;
import dev.mailfort.senderauth.dmarc.DmarcResult;
import dev.mailfort.senderauth.dmarc.DmarcVerdict;
import dev.mailfort.senderauth.header.HeaderFrom;
import dev.mailfort.senderauth.header.HeaderFromExtractor;
import dev.mailfort.senderauth.spf.SpfChecker;
import dev.mailfort.senderauth.spf.SpfVerdict;

/**
 * Runs SPF (MAIL FROM and HELO), DKIM and DMARC on an inbound message. Used at the end of DATA, before the 250,
 * so that a DMARC reject can be a 550 in the session instead of a bounce. Thread-safe.
 */
public final class SenderAuthenticator {
    private final SpfChecker spf;
    private final DkimChecker dkim;
    private final DmarcEvaluator dmarc;

    public SenderAuthenticator(SpfChecker spf, DkimChecker dkim, DmarcEvaluator dmarc) {
        this.spf = Objects.requireNonNull(spf, "spf");
        this.dkim = Objects.requireNonNull(dkim, "dkim");
        this.dmarc = Objects.requireNonNull(dmarc, "dmarc");
    }

    /**
     * @param message the raw message as received
     * @throws IOException if the message cannot be parsed as RFC 5322 at all
     */
    public SenderAuthReport evaluate(SmtpIdentities identities, byte[] message) throws IOException {
        SpfVerdict mailFrom = spf.checkMailFrom(identities.client(), identities.helo(), identities.mailFrom());
        SpfVerdict helo = spf.checkHelo(identities.client(), identities.helo());
        List<DkimSignatureVerdict> signatures = dkim.verify(message);
        HeaderFrom from = HeaderFromExtractor.extract(message);
        DmarcVerdict verdict = from.isUsable()
            ? dmarc.evaluate(from.domain(), mailFrom, signatures)
            : new DmarcVerdict(DmarcResult.PERMERROR, "", "", DmarcPolicy.NONE, DmarcPolicy.NONE, false,
                "header From unusable: " + from.reason());
        return new SenderAuthReport(mailFrom, helo, signatures, from, verdict);
    }
}
