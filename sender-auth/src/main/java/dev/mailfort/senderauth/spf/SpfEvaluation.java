/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.google.common.net.InetAddresses;

import dev.mailfort.senderauth.dns.DnsAnswer;
import dev.mailfort.senderauth.dns.DnsResolver;
import dev.mailfort.senderauth.dns.RecordType;

/**
 * One run of check_host() (RFC 7208 §4) with its nested include/redirect calls. Holds the counters the limits
 * apply to, so it is used once and by one thread. temperror and permerror end the whole run at once, from any
 * depth, which is what {@link Termination} carries.
 */
final class SpfEvaluation {
    private final DnsResolver dns;
    private final SpfRecordParser parser;
    private final SpfLimits limits;
    private final Clock clock;
    private final Instant deadline;
    private final MacroContext topContext;
    private final byte[] clientAddress;
    private int dnsMechanisms;
    private int voidLookups;

    SpfEvaluation(DnsResolver dns, SpfRecordParser parser, SpfLimits limits, Clock clock, InetAddress ip,
                  String sender, String helo) {
        this.dns = dns;
        this.parser = parser;
        this.limits = limits;
        this.clock = clock;
        this.deadline = clock.instant().plus(limits.maxDuration());
        this.topContext = new MacroContext(sender, "", ip, helo);
        this.clientAddress = ip.getAddress();
    }

    /** The outcome of check_host(): a result and the reason for it. */
    record Outcome(SpfResult result, String reason) {
    }

    /** Ends the evaluation with temperror or permerror. */
    static final class Termination extends Exception {
        private static final long serialVersionUID = 1L;
        private final SpfResult result;

        Termination(SpfResult result, String reason) {
            super(reason, null, false, false);
            this.result = result;
        }

        SpfResult result() {
            return result;
        }
    }

    Outcome run(String domain) {
        try {
            return checkHost(domain);
        } catch (Termination t) {
            return new Outcome(t.result(), t.getMessage());
        }
    }

    private Outcome checkHost(String domain) throws Termination {
        String name = normalize(domain);
        if (!isValidDomain(name)) {
            return new Outcome(SpfResult.NONE, "not a valid domain name: " + domain);
        }
        DnsAnswer answer = query(name, RecordType.TXT);
        if (answer.status().isEmpty()) {
            return new Outcome(SpfResult.NONE, "no SPF record at " + name);
        }
        List<String> spfRecords = new ArrayList<>();
        for (String txt : answer.records()) {
            if (SpfRecordParser.isSpfRecord(txt)) {
                spfRecords.add(txt);
            }
        }
        if (spfRecords.isEmpty()) {
            return new Outcome(SpfResult.NONE, "no SPF record at " + name);
        }
        if (spfRecords.size() > 1) {
            throw new Termination(SpfResult.PERMERROR, "more than one SPF record at " + name);
        }
        SpfRecord record;
        try {
            record = parser.parse(spfRecords.get(0));
        } catch (SpfSyntaxException e) {
            throw new Termination(SpfResult.PERMERROR, "SPF record of " + name + ": " + e.getMessage());
        }
        MacroContext context = topContext.withCurrentDomain(name);
        for (SpfDirective directive : record.directives()) {
            if (directive.mechanism().countsAsDnsLookup()) {
                countDnsMechanism(name);
            }
            if (matches(directive, context)) {
                return new Outcome(directive.qualifier(),
                    name + " matched " + directive.mechanism().name().toLowerCase(Locale.ROOT)
                        + (directive.domainSpec() == null ? "" : ":" + directive.domainSpec()));
            }
        }
        if (record.redirect().isPresent()) {
            countDnsMechanism(name);
            String target = expandDomain(record.redirect().get(), context);
            Outcome redirected = checkHost(target);
            if (redirected.result() == SpfResult.NONE) {
                throw new Termination(SpfResult.PERMERROR, "redirect from " + name + " to " + target
                    + " which has no SPF record");
            }
            return redirected;
        }
        return new Outcome(SpfResult.NEUTRAL, "no mechanism of " + name + " matched");
    }

    private boolean matches(SpfDirective directive, MacroContext context) throws Termination {
        return switch (directive.mechanism()) {
            case ALL -> true;
            case IP4, IP6 -> Cidr.contains(directive.network(), prefixFor(directive), clientAddress);
            case INCLUDE -> include(directive, context);
            case A -> addressesMatch(targetOf(directive, context), directive, true);
            case MX -> mx(directive, context);
            case PTR -> ptr(directive, context);
            case EXISTS -> exists(directive, context);
        };
    }

    private boolean include(SpfDirective directive, MacroContext context) throws Termination {
        String target = expandDomain(directive.domainSpec(), context);
        Outcome included = checkHost(target);
        return switch (included.result()) {
            case PASS -> true;
            case FAIL, SOFTFAIL, NEUTRAL -> false;
            case NONE -> throw new Termination(SpfResult.PERMERROR, "include:" + target + " has no SPF record");
            default -> throw new Termination(included.result(), included.reason());
        };
    }

    private boolean mx(SpfDirective directive, MacroContext context) throws Termination {
        String target = targetOf(directive, context);
        DnsAnswer answer = queryCountingVoid(target, RecordType.MX);
        if (answer.records().size() > limits.maxMxRecords()) {
            throw new Termination(SpfResult.PERMERROR, target + " has more than " + limits.maxMxRecords()
                + " MX records");
        }
        for (String host : answer.records()) {
            if (!host.isEmpty() && addressesMatch(host, directive, false)) {
                return true;
            }
        }
        return false;
    }

    private boolean ptr(SpfDirective directive, MacroContext context) throws Termination {
        String target = targetOf(directive, context);
        DnsAnswer names = dns.lookup(reverseName(), RecordType.PTR);
        checkDeadline();
        if (names.isTemporaryFailure()) {
            // RFC 7208 §5.5: a DNS error during the PTR query makes the mechanism not match.
            return false;
        }
        if (names.status().isEmpty()) {
            countVoidLookup(reverseName());
            return false;
        }
        List<String> candidates = names.records();
        for (String name : candidates.subList(0, Math.min(candidates.size(), limits.maxPtrNames()))) {
            String host = normalize(name);
            boolean inTarget = host.equals(target) || host.endsWith("." + target);
            if (!inTarget) {
                continue;
            }
            DnsAnswer addresses = dns.lookup(host, addressType());
            checkDeadline();
            // Names whose lookup fails are skipped, not errors (RFC 7208 §5.5).
            for (String address : addresses.records()) {
                if (sameAddress(address)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean exists(SpfDirective directive, MacroContext context) throws Termination {
        String target = expandDomain(directive.domainSpec(), context);
        // Always an A query, whatever the client's address family (RFC 7208 §5.7).
        return !queryCountingVoid(target, RecordType.A).records().isEmpty();
    }

    private boolean addressesMatch(String host, SpfDirective directive, boolean countVoid) throws Termination {
        DnsAnswer answer = countVoid ? queryCountingVoid(host, addressType()) : query(host, addressType());
        for (String address : answer.records()) {
            if (InetAddresses.isInetAddress(address)
                && Cidr.contains(InetAddresses.forString(address).getAddress(), prefixFor(directive), clientAddress)) {
                return true;
            }
        }
        return false;
    }

    private boolean sameAddress(String address) {
        return InetAddresses.isInetAddress(address)
            && Arrays.equals(InetAddresses.forString(address).getAddress(), clientAddress);
    }

    private int prefixFor(SpfDirective directive) {
        return clientAddress.length == 4 ? directive.ip4Prefix() : directive.ip6Prefix();
    }

    private RecordType addressType() {
        return clientAddress.length == 4 ? RecordType.A : RecordType.AAAA;
    }

    private String reverseName() {
        String nibblesOrOctets = SpfMacroExpander.dottedAddress(topContext.ip());
        List<String> parts = new ArrayList<>(List.of(nibblesOrOctets.split("\\.")));
        Collections.reverse(parts);
        return String.join(".", parts) + (topContext.ip() instanceof Inet4Address ? ".in-addr.arpa" : ".ip6.arpa");
    }

    private String targetOf(SpfDirective directive, MacroContext context) throws Termination {
        return directive.domainSpec() == null ? context.currentDomain() : expandDomain(directive.domainSpec(), context);
    }

    private static String expandDomain(String spec, MacroContext context) throws Termination {
        try {
            return normalize(SpfMacroExpander.truncateDomain(SpfMacroExpander.expand(spec, context, false)));
        } catch (SpfSyntaxException e) {
            throw new Termination(SpfResult.PERMERROR, e.getMessage());
        }
    }

    private void countDnsMechanism(String domain) throws Termination {
        dnsMechanisms++;
        if (dnsMechanisms > limits.maxDnsMechanisms()) {
            throw new Termination(SpfResult.PERMERROR, "more than " + limits.maxDnsMechanisms()
                + " DNS-querying terms (limit reached in " + domain + ")");
        }
    }

    private void countVoidLookup(String name) throws Termination {
        voidLookups++;
        if (voidLookups > limits.maxVoidLookups()) {
            throw new Termination(SpfResult.PERMERROR, "more than " + limits.maxVoidLookups()
                + " void DNS lookups (last: " + name + ")");
        }
    }

    private DnsAnswer queryCountingVoid(String name, RecordType type) throws Termination {
        DnsAnswer answer = query(name, type);
        if (answer.status().isEmpty()) {
            countVoidLookup(name);
        }
        return answer;
    }

    private DnsAnswer query(String name, RecordType type) throws Termination {
        checkDeadline();
        DnsAnswer answer = dns.lookup(name, type);
        if (answer.isTemporaryFailure()) {
            throw new Termination(SpfResult.TEMPERROR, "DNS " + type + " " + name + ": " + answer.detail());
        }
        return answer;
    }

    private void checkDeadline() throws Termination {
        if (clock.instant().isAfter(deadline)) {
            throw new Termination(SpfResult.TEMPERROR, "SPF evaluation took longer than " + limits.maxDuration());
        }
    }

    private static String normalize(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** RFC 7208 §4.3: labels of 1 to 63 octets, at most 253 in all, and more than one label. */
    static boolean isValidDomain(String domain) {
        if (domain.isEmpty() || domain.length() > 253 || domain.indexOf('.') < 0) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }
}
