/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

import dev.mailfort.senderauth.dns.DnsResolver;

/**
 * SPF checks (RFC 7208) of the two SMTP identities: MAIL FROM and HELO. Thread-safe; each check has its own
 * counters. Our own evaluator rather than Apache jSPF 1.0.3, which follows the obsoleted RFC 4408 (it asks for the
 * SPF record type first), has no void-lookup limit and cannot tell NXDOMAIN from no-data.
 *
 * <p>Not implemented: the exp= explanation (checked for syntax, never fetched: we do not need its text, and
 * fetching it costs a query) and the "p" macro (expands to "unknown", as RFC 7208 §7.3 allows).
 */
public final class SpfChecker {
    private final DnsResolver dns;
    private final SpfLimits limits;
    private final Clock clock;
    private final SpfRecordParser parser = new SpfRecordParser();

    public SpfChecker(DnsResolver dns) {
        this(dns, SpfLimits.RFC_7208, Clock.systemUTC());
    }

    public SpfChecker(DnsResolver dns, SpfLimits limits, Clock clock) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks the MAIL FROM identity. The null reverse-path ({@code <>}, given as null or empty) is checked as
     * {@code postmaster@<helo>} (RFC 7208 §2.4).
     */
    public SpfVerdict checkMailFrom(InetAddress client, String helo, String mailFrom) {
        String heloName = helo == null ? "" : helo;
        if (mailFrom == null || mailFrom.isEmpty()) {
            return check(client, heloName, "postmaster@" + heloName, heloName, SpfScope.MAIL_FROM);
        }
        int at = mailFrom.lastIndexOf('@');
        String domain = at < 0 ? mailFrom : mailFrom.substring(at + 1);
        String sender = at <= 0 ? "postmaster@" + domain : mailFrom;
        return check(client, heloName, sender, domain, SpfScope.MAIL_FROM);
    }

    /** Checks the HELO identity (RFC 7208 §2.3); an address literal gives none. */
    public SpfVerdict checkHelo(InetAddress client, String helo) {
        String heloName = helo == null ? "" : helo;
        if (heloName.startsWith("[")) {
            return new SpfVerdict(SpfResult.NONE, SpfScope.HELO, heloName, "", "HELO is an address literal");
        }
        return check(client, heloName, "postmaster@" + heloName, heloName, SpfScope.HELO);
    }

    private SpfVerdict check(InetAddress client, String helo, String sender, String domain, SpfScope scope) {
        String lowerDomain = domain.toLowerCase(Locale.ROOT);
        SpfEvaluation evaluation = new SpfEvaluation(dns, parser, limits, clock, client, sender, helo);
        SpfEvaluation.Outcome outcome = evaluation.run(lowerDomain);
        String identity = scope == SpfScope.HELO ? helo : sender;
        return new SpfVerdict(outcome.result(), scope, identity, lowerDomain, outcome.reason());
    }
}
