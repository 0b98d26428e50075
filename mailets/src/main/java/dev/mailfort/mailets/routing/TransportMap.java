/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.mail.internet.AddressException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

/**
 * The transport map: which route each recipient takes. One entry per line, Postfix style:
 * <pre>
 * # comment lines start with #; blank lines are ignored
 * user@example.com     hold
 * example.com          relay:[smtp.example.net]:587 tls=verify auth=file://conf/smarthost.credentials
 * .example.com         mx                  (every subdomain of example.com, not example.com itself)
 * *.example.com        mx                  (the same)
 * bad.example          reject:"We do not send mail to bad.example"
 * *                    mx                  (every other domain that is not ours)
 * </pre>
 * The most specific entry wins: the exact address, then the domain, then the nearest parent domain wildcard, then
 * {@code *}. The default {@code *} never applies to our own domains: without an entry of their own they stay
 * {@link RouteAction#LOCAL}, so that {@code * relay:[smarthost]} does not send our users' mail away.
 */
public final class TransportMap {
    private static final String DEFAULT_KEY = "*";

    private final Map<String, Route> addresses;
    private final Map<String, Route> domains;
    private final Map<String, Route> subdomainsOf;
    private final Optional<Route> defaultRoute;

    private TransportMap(Map<String, Route> addresses, Map<String, Route> domains, Map<String, Route> subdomainsOf,
                         Optional<Route> defaultRoute) {
        this.addresses = Map.copyOf(addresses);
        this.domains = Map.copyOf(domains);
        this.subdomainsOf = Map.copyOf(subdomainsOf);
        this.defaultRoute = defaultRoute;
    }

    public static TransportMap empty() {
        return new TransportMap(Map.of(), Map.of(), Map.of(), Optional.empty());
    }

    /**
     * Reads a whole map; the first unreadable line fails it all, because a map applied without one of its lines
     * would send mail where the admin did not mean it to go.
     *
     * @param source what to call the map in error messages (its file name)
     */
    public static TransportMap parse(List<String> lines, String source) {
        Map<String, Route> addresses = new HashMap<>();
        Map<String, Route> domains = new HashMap<>();
        Map<String, Route> subdomainsOf = new HashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        Route defaultRoute = null;
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String line = lines.get(index);
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            try {
                String[] keyAndRoute = content.split("\\s+", 2);
                if (keyAndRoute.length < 2) {
                    throw new IllegalArgumentException("no route after " + keyAndRoute[0]);
                }
                String key = keyAndRoute[0].toLowerCase(Locale.ROOT);
                Route route = RouteSyntax.parse(keyAndRoute[1]);
                Integer previous = keyLines.putIfAbsent(key, lineNumber);
                if (previous != null) {
                    throw new IllegalArgumentException(key + " already has a route on line " + previous);
                }
                if (key.equals(DEFAULT_KEY)) {
                    defaultRoute = route;
                } else if (key.startsWith("*.") || key.startsWith(".")) {
                    subdomainsOf.put(validDomain(key.substring(key.indexOf('.') + 1)), route);
                } else if (key.contains("@")) {
                    addresses.put(validAddress(key), route);
                } else {
                    domains.put(validDomain(key), route);
                }
            } catch (IllegalArgumentException e) {
                throw new TransportMapSyntaxError(source, lineNumber, line, e.getMessage());
            }
        }
        return new TransportMap(addresses, domains, subdomainsOf, Optional.ofNullable(defaultRoute));
    }

    /**
     * The route of one recipient.
     *
     * @param ofOurDomain whether the recipient's domain is one of the server's (James's domain list)
     * @param released    whether an administrator released the mail from hold: hold entries are then passed over,
     *                    and the next less specific entry decides, so that released mail is not held again
     */
    public Route routeFor(MailAddress recipient, boolean ofOurDomain, boolean released) {
        for (Route candidate : candidates(recipient, ofOurDomain)) {
            if (!(released && candidate.action() == RouteAction.HOLD)) {
                return candidate;
            }
        }
        return ofOurDomain ? Route.LOCAL : Route.MX;
    }

    /** Every distinct route the map names, in no particular order: what the relay processor must be ready for. */
    public Set<Route> routes() {
        Set<Route> routes = new LinkedHashSet<>();
        routes.addAll(addresses.values());
        routes.addAll(domains.values());
        routes.addAll(subdomainsOf.values());
        defaultRoute.ifPresent(routes::add);
        return routes;
    }

    private List<Route> candidates(MailAddress recipient, boolean ofOurDomain) {
        String domain = recipient.getDomain().asString().toLowerCase(Locale.ROOT);
        String address = recipient.getLocalPart().toLowerCase(Locale.ROOT) + "@" + domain;
        List<Route> candidates = new ArrayList<>();
        Optional.ofNullable(addresses.get(address)).ifPresent(candidates::add);
        Optional.ofNullable(domains.get(domain)).ifPresent(candidates::add);
        for (int dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
            Optional.ofNullable(subdomainsOf.get(domain.substring(dot + 1))).ifPresent(candidates::add);
        }
        if (!ofOurDomain) {
            defaultRoute.ifPresent(candidates::add);
        }
        return candidates;
    }

    private static String validDomain(String domain) {
        if (domain.isEmpty() || domain.contains("*")) {
            throw new IllegalArgumentException("not a domain: " + domain);
        }
        return Domain.of(domain).asString();
    }

    private static String validAddress(String address) {
        try {
            MailAddress parsed = new MailAddress(address);
            return parsed.getLocalPart().toLowerCase(Locale.ROOT) + "@" + parsed.getDomain().asString();
        } catch (AddressException e) {
            throw new IllegalArgumentException("not an address: " + address);
        }
    }
}
