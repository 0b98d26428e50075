/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TXTRecord;

class DnsjavaResolverTest {
    private UdpDnsResponder server;
    private DnsjavaResolver resolver;

    @BeforeEach
    void start() throws Exception {
        server = new UdpDnsResponder();
        resolver = new DnsjavaResolver(DnsSettings.builder()
            .server(server.address())
            .timeout(Duration.ofMillis(500))
            .retries(0)
            .build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Name name(String text) throws Exception {
        return Name.fromString(text + ".");
    }

    @Test
    void joinsTheStringsOfATxtRecord() throws Exception {
        server.add(new TXTRecord(name("example.com"), DClass.IN, 300, List.of("v=spf1 ip4:192.0.2.0/24 ", "-all")));
        server.add(new TXTRecord(name("example.com"), DClass.IN, 300, "google-site-verification=x"));
        DnsAnswer answer = resolver.txt("Example.COM");
        assertThat(answer.status()).isEqualTo(DnsStatus.FOUND);
        assertThat(answer.records()).containsExactlyInAnyOrder("v=spf1 ip4:192.0.2.0/24 -all",
            "google-site-verification=x");
    }

    @Test
    void keepsQuotesAndBackslashesOfTxtRecordsAsTheyAre() throws Exception {
        // dnsjava reads the constructor's string as zone-file text: "\\\\" puts one backslash on the wire.
        server.add(new TXTRecord(name("q.example.com"), DClass.IN, 300, "say \"hi\" \\\\o/"));
        assertThat(resolver.txt("q.example.com").records()).containsExactly("say \"hi\" \\o/");
    }

    @Test
    void readsAddressAndMxRecords() throws Exception {
        server.add(new ARecord(name("mx.example.com"), DClass.IN, 300, InetAddress.getByName("192.0.2.25")));
        server.add(new MXRecord(name("example.com"), DClass.IN, 300, 10, name("MX.example.com")));
        assertThat(resolver.lookup("mx.example.com", RecordType.A).records()).containsExactly("192.0.2.25");
        assertThat(resolver.lookup("example.com.", RecordType.MX).records()).containsExactly("mx.example.com");
    }

    @Test
    void tellsNxdomainFromNoData() throws Exception {
        server.add(new ARecord(name("host.example.com"), DClass.IN, 300, InetAddress.getByName("192.0.2.25")));
        assertThat(resolver.txt("host.example.com").status()).isEqualTo(DnsStatus.NO_DATA);
        assertThat(resolver.txt("nothing.example.com").status()).isEqualTo(DnsStatus.NXDOMAIN);
    }

    @Test
    void reportsServfailAsTemporary() {
        server.rcode("broken.example.com", Rcode.SERVFAIL);
        DnsAnswer answer = resolver.txt("broken.example.com");
        assertThat(answer.status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
        assertThat(answer.detail()).contains("SERVFAIL");
    }

    @Test
    void reportsRefusedAsTemporary() {
        server.rcode("refused.example.com", Rcode.REFUSED);
        assertThat(resolver.txt("refused.example.com").status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
    }

    @Test
    void reportsATimeoutAsTemporaryWithinTheTimeout() {
        server.silence("slow.example.com");
        long start = System.nanoTime();
        DnsAnswer answer = resolver.txt("slow.example.com");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.status()).isEqualTo(DnsStatus.TEMPORARY_FAILURE);
        assertThat(elapsedMillis).isLessThan(3000);
    }

    @Test
    void answersNxdomainForANameThatCannotExist() {
        assertThat(resolver.txt("a".repeat(64) + ".example.com").status()).isEqualTo(DnsStatus.NXDOMAIN);
    }
}
