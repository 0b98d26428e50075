/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class TransportMapTest {
    private static final TransportMap MAP = TransportMap.parse(List.of(
        "# Routes of the test company",
        "",
        "ceo@example.com            hold",
        "example.com                relay:[smtp.example.net]:587 tls=verify auth=file://conf/example.credentials",
        ".example.com               mx tls=encrypt",
        "*.deep.example.com         hold",
        "Bad.Example                reject:\"We do not send mail to bad.example\"",
        "ours.test                  relay:[internal.ours.test]",
        "*                          relay:smarthost.isp.example:2525 tls=may",
        "  # an indented comment"), "transport.map");

    @Test
    void anExactAddressWinsOverItsDomain() throws Exception {
        assertThat(MAP.routeFor(new MailAddress("CEO@Example.com"), false, false)).isEqualTo(Route.HOLD);
    }

    @Test
    void aDomainEntryNamesTheSmarthostItsPortTlsPolicyAndCredentials() throws Exception {
        Route route = MAP.routeFor(new MailAddress("erin@example.com"), false, false);

        assertThat(route).isEqualTo(Route.relay("smtp.example.net", 587, TlsPolicy.VERIFY,
            Optional.of("file://conf/example.credentials")));
        assertThat(route.key()).isEqualTo("relay:[smtp.example.net]:587 tls=verify auth=file://conf/example.credentials");
    }

    @Test
    void aLeadingDotCoversSubdomainsButNotTheDomainItself() throws Exception {
        assertThat(MAP.routeFor(new MailAddress("a@eu.example.com"), false, false)).isEqualTo(Route.mx(TlsPolicy.ENCRYPT));
        assertThat(MAP.routeFor(new MailAddress("a@example.com"), false, false).action()).isEqualTo(RouteAction.RELAY);
    }

    @Test
    void theNearestParentWildcardWins() throws Exception {
        assertThat(MAP.routeFor(new MailAddress("a@x.deep.example.com"), false, false)).isEqualTo(Route.HOLD);
        assertThat(MAP.routeFor(new MailAddress("a@deep.example.com"), false, false)).isEqualTo(Route.mx(TlsPolicy.ENCRYPT));
    }

    @Test
    void keysAreCaseInsensitiveAndRejectKeepsItsText() throws Exception {
        assertThat(MAP.routeFor(new MailAddress("a@BAD.example"), false, false))
            .isEqualTo(Route.reject("We do not send mail to bad.example"));
    }

    @Test
    void theDefaultAppliesToOtherDomains() throws Exception {
        assertThat(MAP.routeFor(new MailAddress("a@elsewhere.example"), false, false))
            .isEqualTo(Route.relay("smarthost.isp.example", 2525, TlsPolicy.MAY, Optional.empty()));
    }

    @Test
    void theDefaultNeverAppliesToOurDomainsWhichStayLocal() throws Exception {
        assertThat(MAP.routeFor(new MailAddress("bob@mailfort.test"), true, false)).isEqualTo(Route.LOCAL);
    }

    @Test
    void anExplicitEntryAppliesToOurDomainsToo() throws Exception {
        assertThat(MAP.routeFor(new MailAddress("bob@ours.test"), true, false))
            .isEqualTo(Route.relay("internal.ours.test", 25, TlsPolicy.MAY, Optional.empty()));
    }

    @Test
    void releasedMailPassesOverHoldEntriesToTheNextMatch() throws Exception {
        assertThat(MAP.routeFor(new MailAddress("ceo@example.com"), false, true).action()).isEqualTo(RouteAction.RELAY);
        assertThat(MAP.routeFor(new MailAddress("a@x.deep.example.com"), false, true)).isEqualTo(Route.mx(TlsPolicy.ENCRYPT));
    }

    @Test
    void withoutAnyEntryOtherDomainsGoByMx() throws Exception {
        TransportMap empty = TransportMap.parse(List.of("# nothing"), "transport.map");

        assertThat(empty.routeFor(new MailAddress("a@elsewhere.example"), false, false)).isEqualTo(Route.MX);
        assertThat(empty.routeFor(new MailAddress("a@mailfort.test"), true, false)).isEqualTo(Route.LOCAL);
    }

    @Test
    void relayHostsWithoutBracketsOrPortUseTwentyFive() {
        assertThat(parseOne("relay:smtp.example.net")).isEqualTo(Route.relay("smtp.example.net", 25, TlsPolicy.MAY, Optional.empty()));
        assertThat(parseOne("relay:[127.0.0.1]:2525 tls=none"))
            .isEqualTo(Route.relay("127.0.0.1", 2525, TlsPolicy.NONE, Optional.empty()));
    }

    @Test
    void tlsRequiredMeansVerify() {
        assertThat(parseOne("relay:[smtp.example.net]:587 tls=required").tls()).contains(TlsPolicy.VERIFY);
    }

    @Test
    void rejectWithoutTextUsesAGenericOne() {
        assertThat(parseOne("reject")).isEqualTo(Route.reject("Delivery to this address is not allowed"));
        assertThat(parseOne("reject:Not here")).isEqualTo(Route.reject("Not here"));
    }

    @Test
    void routesListsEachDistinctRouteOnce() {
        TransportMap map = TransportMap.parse(List.of("a.example mx", "b.example mx", "c.example hold"), "transport.map");

        assertThat(map.routes()).containsExactlyInAnyOrder(Route.MX, Route.HOLD);
    }

    @Test
    void anUnknownActionIsReportedWithTheLineNumber() {
        assertThatThrownBy(() -> TransportMap.parse(List.of("# routes", "example.com  smtp:[x]"), "transport.map"))
            .isInstanceOf(TransportMapSyntaxError.class)
            .hasMessage("transport.map line 2: unknown action smtp:[x] (local, mx, relay:host[:port], reject[:\"text\"], hold)"
                + ": \"example.com  smtp:[x]\"");
    }

    @Test
    void aLineWithoutRouteIsAnError() {
        assertThatThrownBy(() -> TransportMap.parse(List.of("example.com"), "transport.map"))
            .hasMessage("transport.map line 1: no route after example.com: \"example.com\"");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> TransportMap.parse(List.of("example.com mx", "", "EXAMPLE.com hold"), "transport.map"))
            .hasMessage("transport.map line 3: example.com already has a route on line 1: \"EXAMPLE.com hold\"");
    }

    @Test
    void malformedRoutesAreErrors() {
        assertThatThrownBy(() -> parseOne("relay:[smtp.example.net:587")).hasMessageContaining("no closing ]");
        assertThatThrownBy(() -> parseOne("relay:")).hasMessageContaining("relay needs a host");
        assertThatThrownBy(() -> parseOne("relay:[smtp.example.net]:99999")).hasMessageContaining("not a port: 99999");
        assertThatThrownBy(() -> parseOne("relay:smtp_example.net")).hasMessageContaining("not a host name: smtp_example.net");
        assertThatThrownBy(() -> parseOne("relay:[h.example] tls=maybe")).hasMessageContaining("unknown tls=maybe");
        assertThatThrownBy(() -> parseOne("relay:[h.example] starttls=yes")).hasMessageContaining("unknown option starttls=");
        assertThatThrownBy(() -> parseOne("relay:[h.example] tls")).hasMessageContaining("expected name=value, found tls");
        assertThatThrownBy(() -> parseOne("relay:[h.example] tls=may tls=none")).hasMessageContaining("tls= given twice");
        assertThatThrownBy(() -> parseOne("mx auth=file://conf/x")).hasMessageContaining("unknown option auth= (allowed: tls)");
        assertThatThrownBy(() -> parseOne("hold tls=may")).hasMessageContaining("this action takes no option");
        assertThatThrownBy(() -> parseOne("local:somewhere")).hasMessageContaining("local takes no argument");
        assertThatThrownBy(() -> parseOne("reject:\"unfinished")).hasMessageContaining("no closing quote");
        assertThatThrownBy(() -> parseOne("reject \"text\"")).hasMessageContaining("reject takes its text after a colon");
        assertThatThrownBy(() -> parseOne("reject:\"caf\u00e9\"")).hasMessageContaining("printable ASCII");
    }

    @Test
    void malformedKeysAreErrors() {
        assertThatThrownBy(() -> TransportMap.parse(List.of("a@ mx"), "transport.map")).hasMessageContaining("line 1: not an address");
        assertThatThrownBy(() -> TransportMap.parse(List.of("*. mx"), "transport.map")).hasMessageContaining("line 1: not a domain");
        assertThatThrownBy(() -> TransportMap.parse(List.of("a.*.example mx"), "transport.map")).hasMessageContaining("line 1: not a domain");
    }

    private static Route parseOne(String route) {
        return TransportMap.parse(List.of("example.com " + route), "transport.map")
            .routeFor(address("someone@example.com"), false, false);
    }

    private static MailAddress address(String address) {
        try {
            return new MailAddress(address);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
