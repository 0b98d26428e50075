/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.Locale;

import dev.mailfort.senderauth.SenderAuthReport;
import dev.mailfort.senderauth.dkim.DkimResult;
import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;
import dev.mailfort.senderauth.dmarc.AlignmentMode;
import dev.mailfort.senderauth.dmarc.OrganizationalDomain;
import dev.mailfort.senderauth.spf.SpfResult;
import dev.mailfort.senderauth.spf.SpfVerdict;

/**
 * Whether an unauthenticated message claims one of our domains (in MAIL FROM or in the header From) and, if so,
 * whether SPF or an aligned DKIM signature proves the claim. Our own DMARC record is not needed for this: mail
 * that says it comes from us and does not prove it is refused whatever policy we publish.
 *
 * @param status     the outcome
 * @param domain     the claimed domain of ours (empty when none is claimed)
 * @param identity   where the claim was made: {@code MAIL FROM} or {@code From}
 */
record LocalDomainClaim(Status status, String domain, String identity) {

    enum Status {
        /** Neither identity uses one of our domains. */
        NOT_CLAIMED,
        /** Every claim is backed by SPF or aligned DKIM. */
        AUTHENTICATED,
        /** A claim is not proven, but a DNS failure kept SPF or DKIM from answering: ask again later. */
        UNVERIFIABLE,
        /** A claim is not proven. */
        SPOOFED
    }

    static final LocalDomainClaim NONE = new LocalDomainClaim(Status.NOT_CLAIMED, "", "");

    /**
     * @param mailFrom the MAIL FROM address, empty for the null reverse-path
     */
    static LocalDomainClaim check(SenderAuthReport report, String mailFrom, LocalDomains ours) {
        LocalDomainClaim result = NONE;
        String envelopeDomain = domainOf(mailFrom);
        if (!envelopeDomain.isEmpty() && ours.isOurs(envelopeDomain)) {
            result = judge(report, envelopeDomain, "MAIL FROM");
            if (result.status() != Status.AUTHENTICATED) {
                return result;
            }
        }
        String fromDomain = report.headerFrom().domain();
        if (!fromDomain.isEmpty() && ours.isOurs(fromDomain)) {
            result = judge(report, fromDomain, "From");
        }
        return result;
    }

    private static LocalDomainClaim judge(SenderAuthReport report, String claimed, String identity) {
        SpfVerdict spf = report.spfMailFrom();
        boolean spfAligned = aligned(spf.domain(), claimed);
        if (spfAligned && spf.result() == SpfResult.PASS) {
            return new LocalDomainClaim(Status.AUTHENTICATED, claimed, identity);
        }
        boolean temporary = spfAligned && spf.result() == SpfResult.TEMPERROR;
        for (DkimSignatureVerdict signature : report.dkim()) {
            if (!aligned(signature.domain(), claimed)) {
                continue;
            }
            if (signature.passed()) {
                return new LocalDomainClaim(Status.AUTHENTICATED, claimed, identity);
            }
            temporary |= signature.result() == DkimResult.TEMPERROR;
        }
        return new LocalDomainClaim(temporary ? Status.UNVERIFIABLE : Status.SPOOFED, claimed, identity);
    }

    private static boolean aligned(String authenticated, String claimed) {
        return OrganizationalDomain.aligned(authenticated, claimed, AlignmentMode.RELAXED);
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return "";
        }
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }
}
