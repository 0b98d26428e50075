/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import dev.mailfort.senderauth.SenderAuthReport;
import dev.mailfort.senderauth.dmarc.DmarcPolicy;
import dev.mailfort.senderauth.dmarc.DmarcResult;
import dev.mailfort.senderauth.dmarc.DmarcVerdict;
import dev.mailfort.senderauth.dmarc.PolicyDiscovery;

/**
 * Turns the sender-authentication verdicts of a message into a decision, in this order: unusable header From,
 * one of our domains claimed without proof, then the DMARC policy of the From domain. Immutable.
 */
final class SenderAuthPolicy {
    static final SenderAuthPolicy DEFAULTS = new SenderAuthPolicy(Action.REJECT, Action.QUARANTINE, true, true, true);

    /** What to do with a message that fails DMARC, per published policy. */
    enum Action {
        ACCEPT,
        QUARANTINE,
        REJECT;

        static Action parse(String name, String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be reject, quarantine or accept, not '" + value + "'");
            }
        }
    }

    private final Action onDmarcReject;
    private final Action onDmarcQuarantine;
    private final boolean tempfailOnDnsError;
    private final boolean refuseUnusableFrom;
    private final boolean refuseLocalDomainSpoofing;

    SenderAuthPolicy(Action onDmarcReject, Action onDmarcQuarantine, boolean tempfailOnDnsError,
                     boolean refuseUnusableFrom, boolean refuseLocalDomainSpoofing) {
        this.onDmarcReject = Objects.requireNonNull(onDmarcReject, "onDmarcReject");
        this.onDmarcQuarantine = Objects.requireNonNull(onDmarcQuarantine, "onDmarcQuarantine");
        this.tempfailOnDnsError = tempfailOnDnsError;
        this.refuseUnusableFrom = refuseUnusableFrom;
        this.refuseLocalDomainSpoofing = refuseLocalDomainSpoofing;
    }

    /**
     * @param claim        the local-domain check
     * @param trustedRelay the client is one of the trusted relays: nothing is refused nor quarantined
     * @param policyProbe  looks the From domain's DMARC policy up again; asked only when DMARC ended in temperror
     *                     before the policy was known, to learn whether the final verdict could matter
     */
    SenderAuthDecision decide(SenderAuthReport report, LocalDomainClaim claim, boolean trustedRelay,
                              Function<String, PolicyDiscovery> policyProbe) {
        if (trustedRelay) {
            return SenderAuthDecision.accept("trusted relay");
        }
        if (refuseUnusableFrom && !report.headerFrom().isUsable()) {
            return SenderAuthDecision.reject("5.7.1 Message refused: it must have exactly one From header field "
                + "with exactly one address", report.headerFrom().reason());
        }
        if (refuseLocalDomainSpoofing) {
            switch (claim.status()) {
                case SPOOFED:
                    return SenderAuthDecision.reject("5.7.1 Forged sender: " + claim.domain() + " in " + claim.identity()
                        + " is a domain of this server, and the message is not authenticated for it",
                    "local domain " + claim.domain() + " in " + claim.identity() + " without SPF or aligned DKIM pass");
                case UNVERIFIABLE:
                    if (tempfailOnDnsError) {
                        return SenderAuthDecision.tempfail("4.7.1 Cannot authenticate the sender now (DNS failure), "
                            + "try again later", "local domain " + claim.domain() + " in " + claim.identity()
                            + ": SPF or DKIM temperror");
                    }
                    break;
                default:
                    break;
            }
        }
        return dmarc(report.dmarc(), policyProbe);
    }

    private SenderAuthDecision dmarc(DmarcVerdict verdict, Function<String, PolicyDiscovery> policyProbe) {
        if (verdict.result() == DmarcResult.FAIL) {
            Action action = actionFor(verdict.disposition());
            String reason = "DMARC fail, policy " + verdict.requestedPolicy().keyword() + " of " + verdict.policyDomain()
                + ", disposition " + verdict.disposition().keyword() + (verdict.sampledOut() ? " (pct)" : "");
            return switch (action) {
                case REJECT -> SenderAuthDecision.reject("5.7.1 Message rejected: the From domain "
                    + verdict.headerFrom() + " is not authenticated (SPF and DKIM fail DMARC) and the DMARC policy of "
                    + verdict.policyDomain() + " is p=" + verdict.requestedPolicy().keyword(), reason);
                case QUARANTINE -> SenderAuthDecision.quarantine(reason);
                case ACCEPT -> SenderAuthDecision.accept(reason);
            };
        }
        if (verdict.result() == DmarcResult.TEMPERROR && tempfailOnDnsError) {
            DmarcPolicy atStake = policyAtStake(verdict, policyProbe);
            if (actionFor(atStake) != Action.ACCEPT) {
                return SenderAuthDecision.tempfail("4.7.1 Cannot check the DMARC policy of " + verdict.headerFrom()
                    + " now (DNS failure), try again later", "DMARC temperror: " + verdict.reason());
            }
        }
        return SenderAuthDecision.accept("DMARC " + verdict.result().keyword());
    }

    /**
     * The policy a final verdict would apply. A temperror in policy discovery leaves it unknown: then the worst is
     * assumed unless a second look finds it (the DNS may have recovered) or finds that there is none.
     */
    private static DmarcPolicy policyAtStake(DmarcVerdict verdict, Function<String, PolicyDiscovery> policyProbe) {
        if (verdict.requestedPolicy() != DmarcPolicy.NONE || verdict.headerFrom().isEmpty()) {
            return verdict.requestedPolicy();
        }
        PolicyDiscovery discovery = policyProbe.apply(verdict.headerFrom());
        return switch (discovery.status()) {
            case FOUND -> discovery.policyDomain().equalsIgnoreCase(verdict.headerFrom())
                ? discovery.record().policy()
                : discovery.record().policyForSubdomains();
            case TEMPORARY_FAILURE -> DmarcPolicy.REJECT;
            default -> DmarcPolicy.NONE;
        };
    }

    private Action actionFor(DmarcPolicy policy) {
        return switch (policy) {
            case REJECT -> onDmarcReject;
            case QUARANTINE -> onDmarcQuarantine;
            case NONE -> Action.ACCEPT;
        };
    }

    @Override
    public String toString() {
        return "onDmarcReject=" + lower(onDmarcReject) + ", onDmarcQuarantine=" + lower(onDmarcQuarantine)
            + ", onTemporaryError=" + (tempfailOnDnsError ? "tempfail" : "accept")
            + ", onUnusableFrom=" + (refuseUnusableFrom ? "reject" : "accept")
            + ", onLocalDomainSpoofing=" + (refuseLocalDomainSpoofing ? "reject" : "accept");
    }

    private static String lower(Action action) {
        return action.name().toLowerCase(Locale.ROOT);
    }
}
