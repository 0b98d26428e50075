/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.List;
import java.util.Objects;

import dev.mailfort.senderauth.dkim.DkimResult;
import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;
import dev.mailfort.senderauth.spf.SpfResult;
import dev.mailfort.senderauth.spf.SpfVerdict;

/**
 * DMARC evaluation (RFC 7489 §6.6): finds the From domain's policy and checks whether SPF (the MAIL FROM
 * identity) or DKIM (a signature's d=) passed for an aligned domain. A DNS failure never becomes a pass: it gives
 * temperror, also when an aligned SPF or DKIM check had a temporary failure and nothing else passed (the final
 * answer is not known yet, so the caller should answer 4xx rather than apply the policy). Thread-safe.
 */
public final class DmarcEvaluator {
    private final DmarcPolicyFinder finder;
    private final PercentSampler sampler;

    public DmarcEvaluator(DmarcPolicyFinder finder) {
        this(finder, PercentSampler.RANDOM);
    }

    public DmarcEvaluator(DmarcPolicyFinder finder, PercentSampler sampler) {
        this.finder = Objects.requireNonNull(finder, "finder");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
    }

    /**
     * @param fromDomain the domain of the single header From address
     * @param spf        the SPF verdict for MAIL FROM (whose domain is the HELO name for the null sender)
     * @param dkim       the verdicts of all DKIM signatures, possibly none
     */
    public DmarcVerdict evaluate(String fromDomain, SpfVerdict spf, List<DkimSignatureVerdict> dkim) {
        PolicyDiscovery discovery = finder.find(fromDomain);
        switch (discovery.status()) {
            case TEMPORARY_FAILURE:
                return DmarcVerdict.without(DmarcResult.TEMPERROR, fromDomain, discovery.policyDomain(),
                    discovery.reason());
            case INVALID_RECORD:
                return DmarcVerdict.without(DmarcResult.PERMERROR, fromDomain, discovery.policyDomain(),
                    discovery.reason());
            case NO_POLICY:
            case SEVERAL_RECORDS:
                return DmarcVerdict.without(DmarcResult.NONE, fromDomain, "", discovery.reason());
            default:
                break;
        }
        DmarcRecord record = discovery.record();
        boolean fromIsPolicyDomain = discovery.policyDomain().equalsIgnoreCase(fromDomain);
        DmarcPolicy requested = fromIsPolicyDomain ? record.policy() : record.policyForSubdomains();

        boolean spfAligned = spf != null
            && OrganizationalDomain.aligned(spf.domain(), fromDomain, record.spfAlignment());
        if (spfAligned && spf.result() == SpfResult.PASS) {
            return pass(fromDomain, discovery, requested, "SPF passed for aligned " + spf.domain());
        }
        boolean dkimTemporary = false;
        for (DkimSignatureVerdict signature : dkim) {
            if (!OrganizationalDomain.aligned(signature.domain(), fromDomain, record.dkimAlignment())) {
                continue;
            }
            if (signature.result() == DkimResult.PASS) {
                return pass(fromDomain, discovery, requested, "DKIM passed for aligned d=" + signature.domain());
            }
            dkimTemporary |= signature.result() == DkimResult.TEMPERROR;
        }
        if (dkimTemporary || (spfAligned && spf.result() == SpfResult.TEMPERROR)) {
            return new DmarcVerdict(DmarcResult.TEMPERROR, fromDomain, discovery.policyDomain(), requested,
                DmarcPolicy.NONE, false, "an aligned SPF or DKIM check failed temporarily");
        }
        DmarcPolicy disposition = requested;
        boolean sampledOut = false;
        if (record.percent() < 100 && !sampler.isSelected(record.percent())) {
            disposition = requested.oneStepDown();
            sampledOut = true;
        }
        return new DmarcVerdict(DmarcResult.FAIL, fromDomain, discovery.policyDomain(), requested, disposition,
            sampledOut, "no aligned SPF or DKIM pass" + (sampledOut ? " (outside pct=" + record.percent() + ")" : ""));
    }

    private static DmarcVerdict pass(String fromDomain, PolicyDiscovery discovery, DmarcPolicy requested,
                                     String reason) {
        return new DmarcVerdict(DmarcResult.PASS, fromDomain, discovery.policyDomain(), requested, DmarcPolicy.NONE,
            false, reason);
    }
}
