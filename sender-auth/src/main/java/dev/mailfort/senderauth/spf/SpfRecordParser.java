/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.common.net.InetAddresses;

/**
 * Parses "v=spf1" records by the RFC 7208 §12 grammar. The whole record is checked before anything is evaluated,
 * so a syntax error after a matching "all" still yields permerror (§4.6). Stateless and thread-safe.
 */
public final class SpfRecordParser {
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)");
    private static final Pattern DUAL_CIDR = Pattern.compile("(?:/(0|[1-9][0-9]?))?(?://(0|[1-9][0-9]{0,2}))?$");
    private static final String QNUM = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])";
    private static final Pattern IP4_NETWORK =
        Pattern.compile("(" + QNUM + "\\." + QNUM + "\\." + QNUM + "\\." + QNUM + ")(?:/(0|[1-9][0-9]?))?");
    private static final Pattern IP6_NETWORK = Pattern.compile("([0-9A-Fa-f:.]+)(?:/(0|[1-9][0-9]{0,2}))?");
    private static final Pattern TOP_LABEL =
        Pattern.compile("[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]");

    /** Whether a TXT record is an SPF record at all (RFC 7208 §4.5): "v=spf1" alone or followed by a space. */
    public static boolean isSpfRecord(String txt) {
        return txt.regionMatches(true, 0, "v=spf1", 0, 6) && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    public SpfRecord parse(String txt) throws SpfSyntaxException {
        if (!isSpfRecord(txt)) {
            throw new SpfSyntaxException("not an SPF record: " + txt);
        }
        List<SpfDirective> directives = new ArrayList<>();
        String redirect = null;
        String explanation = null;
        for (String term : txt.substring(6).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher modifier = MODIFIER.matcher(term);
            if (modifier.matches()) {
                String name = modifier.group(1).toLowerCase(Locale.ROOT);
                String value = modifier.group(2);
                switch (name) {
                    case "redirect" -> {
                        if (redirect != null) {
                            throw new SpfSyntaxException("more than one redirect modifier");
                        }
                        redirect = domainSpec(value, term);
                    }
                    case "exp" -> {
                        if (explanation != null) {
                            throw new SpfSyntaxException("more than one exp modifier");
                        }
                        explanation = domainSpec(value, term);
                    }
                    default -> SpfMacroExpander.validate(value, false);
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(directives, Optional.ofNullable(redirect), Optional.ofNullable(explanation));
    }

    private static SpfDirective directive(String term) throws SpfSyntaxException {
        SpfResult qualifier = SpfResult.PASS;
        String rest = term;
        switch (term.charAt(0)) {
            case '+' -> rest = term.substring(1);
            case '-' -> {
                qualifier = SpfResult.FAIL;
                rest = term.substring(1);
            }
            case '~' -> {
                qualifier = SpfResult.SOFTFAIL;
                rest = term.substring(1);
            }
            case '?' -> {
                qualifier = SpfResult.NEUTRAL;
                rest = term.substring(1);
            }
            default -> {
            }
        }
        int end = 0;
        while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) {
            end++;
        }
        String name = rest.substring(0, end).toLowerCase(Locale.ROOT);
        String args = rest.substring(end);
        return switch (name) {
            case "all" -> {
                requireNoArguments(term, args);
                yield new SpfDirective(qualifier, SpfMechanism.ALL, null, null, 32, 128);
            }
            case "include", "exists" -> {
                if (!args.startsWith(":")) {
                    throw new SpfSyntaxException(name + " needs a domain: " + term);
                }
                SpfMechanism mechanism = name.equals("include") ? SpfMechanism.INCLUDE : SpfMechanism.EXISTS;
                yield new SpfDirective(qualifier, mechanism, domainSpec(args.substring(1), term), null, 32, 128);
            }
            case "ptr" -> {
                String spec = null;
                if (!args.isEmpty()) {
                    if (!args.startsWith(":")) {
                        throw new SpfSyntaxException("invalid ptr mechanism: " + term);
                    }
                    spec = domainSpec(args.substring(1), term);
                }
                yield new SpfDirective(qualifier, SpfMechanism.PTR, spec, null, 32, 128);
            }
            case "a", "mx" -> addressMechanism(qualifier, name.equals("a") ? SpfMechanism.A : SpfMechanism.MX,
                args, term);
            case "ip4" -> ip4(qualifier, args, term);
            case "ip6" -> ip6(qualifier, args, term);
            default -> throw new SpfSyntaxException("unknown mechanism: " + term);
        };
    }

    private static SpfDirective addressMechanism(SpfResult qualifier, SpfMechanism mechanism, String args,
                                                 String term) throws SpfSyntaxException {
        Matcher cidr = DUAL_CIDR.matcher(args);
        if (!cidr.find()) {
            throw new SpfSyntaxException("invalid prefix length: " + term);
        }
        String beforeCidr = args.substring(0, cidr.start());
        int ip4Prefix = prefix(cidr.group(1), 32, term);
        int ip6Prefix = prefix(cidr.group(2), 128, term);
        String spec = null;
        if (!beforeCidr.isEmpty()) {
            if (!beforeCidr.startsWith(":")) {
                throw new SpfSyntaxException("invalid " + mechanism.name().toLowerCase(Locale.ROOT) + " mechanism: "
                    + term);
            }
            spec = domainSpec(beforeCidr.substring(1), term);
        }
        return new SpfDirective(qualifier, mechanism, spec, null, ip4Prefix, ip6Prefix);
    }

    private static SpfDirective ip4(SpfResult qualifier, String args, String term) throws SpfSyntaxException {
        Matcher m = args.startsWith(":") ? IP4_NETWORK.matcher(args.substring(1)) : null;
        if (m == null || !m.matches()) {
            throw new SpfSyntaxException("invalid ip4 mechanism: " + term);
        }
        byte[] network = InetAddresses.forString(m.group(1)).getAddress();
        return new SpfDirective(qualifier, SpfMechanism.IP4, null, network, prefix(m.group(2), 32, term), 128);
    }

    private static SpfDirective ip6(SpfResult qualifier, String args, String term) throws SpfSyntaxException {
        Matcher m = args.startsWith(":") ? IP6_NETWORK.matcher(args.substring(1)) : null;
        if (m == null || !m.matches() || !m.group(1).contains(":") || !InetAddresses.isInetAddress(m.group(1))) {
            throw new SpfSyntaxException("invalid ip6 mechanism: " + term);
        }
        InetAddress network = InetAddresses.forString(m.group(1));
        // Guava turns "::ffff:1.2.3.4" into an IPv4 address; an ip6 network must stay a 16-byte network.
        byte[] bytes = network instanceof Inet4Address ? mappedBytes(network) : network.getAddress();
        return new SpfDirective(qualifier, SpfMechanism.IP6, null, bytes, 32, prefix(m.group(2), 128, term));
    }

    private static byte[] mappedBytes(InetAddress v4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, bytes, 12, 4);
        return bytes;
    }

    private static int prefix(String digits, int max, String term) throws SpfSyntaxException {
        if (digits == null) {
            return max;
        }
        int value = Integer.parseInt(digits);
        if (value > max) {
            throw new SpfSyntaxException("prefix length above " + max + ": " + term);
        }
        return value;
    }

    private static void requireNoArguments(String term, String args) throws SpfSyntaxException {
        if (!args.isEmpty()) {
            throw new SpfSyntaxException("unexpected argument: " + term);
        }
    }

    /** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand. */
    private static String domainSpec(String spec, String term) throws SpfSyntaxException {
        if (spec.isEmpty()) {
            throw new SpfSyntaxException("empty domain-spec: " + term);
        }
        SpfMacroExpander.validate(spec, false);
        if (endsWithMacro(spec)) {
            return spec;
        }
        String body = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = body.lastIndexOf('.');
        if (dot < 0 || !TOP_LABEL.matcher(body.substring(dot + 1)).matches()) {
            throw new SpfSyntaxException("domain-spec does not end with a valid top label: " + term);
        }
        return spec;
    }

    private static boolean endsWithMacro(String spec) {
        if (spec.endsWith("}")) {
            return spec.lastIndexOf("%{") >= 0;
        }
        if (spec.length() >= 2) {
            String tail = spec.substring(spec.length() - 2);
            return tail.equals("%%") || tail.equals("%_") || tail.equals("%-");
        }
        return false;
    }
}
