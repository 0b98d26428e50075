/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Asks the local dnsmasq with the JDK's own DNS client, so that test-support needs no DNS library. */
class LocalDnsmasqTest {
    private static LocalDnsmasq dnsmasq;

    @BeforeAll
    static void start() {
        dnsmasq = LocalDnsmasq.start(DnsmasqZone.local("mailfort.test")
            .txt("mailfort.test", "v=spf1 mx -all")
            .txt("quoted.mailfort.test", "a, \"b\" \\ c")
            .txt("long.mailfort.test", "x".repeat(300))
            .address("mx.mailfort.test", "192.0.2.25")
            .mx("mailfort.test", "mx.mailfort.test", 10));
    }

    @AfterAll
    static void stop() {
        dnsmasq.close();
    }

    private static List<String> lookup(String name, String type) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", "dns://" + dnsmasq.host() + ":" + dnsmasq.port());
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        InitialDirContext context = new InitialDirContext(env);
        try {
            List<String> values = new ArrayList<>();
            Attribute attribute = context.getAttributes(name, new String[] {type}).get(type);
            if (attribute != null) {
                NamingEnumeration<?> all = attribute.getAll();
                while (all.hasMore()) {
                    values.add(all.next().toString());
                }
            }
            return values;
        } finally {
            context.close();
        }
    }

    @Test
    void servesTxtRecords() throws NamingException {
        assertThat(lookup("mailfort.test", "TXT")).containsExactly("\"v=spf1 mx -all\"");
    }

    @Test
    void keepsCommasQuotesAndBackslashesInTxtRecords() throws NamingException {
        assertThat(lookup("quoted.mailfort.test", "TXT").get(0)).contains("a, ").contains("b").contains("c");
    }

    @Test
    void splitsLongTextIntoStringsOfAtMost255Bytes() throws NamingException {
        assertThat(lookup("long.mailfort.test", "TXT").get(0))
            .isEqualTo("x".repeat(255) + " " + "x".repeat(45));
    }

    @Test
    void refusesATxtRecordTooLongForDnsmasqsConfiguration() {
        assertThatThrownBy(() -> DnsmasqZone.local("mailfort.test").txt("big.mailfort.test", "x".repeat(1100)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("several records");
    }

    @Test
    void servesAddressAndMxRecords() throws NamingException {
        assertThat(lookup("mx.mailfort.test", "A")).containsExactly("192.0.2.25");
        assertThat(lookup("mailfort.test", "MX")).containsExactly("10 mx.mailfort.test.");
    }

    @Test
    void answersNxdomainForUnknownNamesOfTheLocalDomain() {
        assertThatThrownBy(() -> lookup("nothing.mailfort.test", "TXT")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void answersNoDataForAnotherTypeOfAKnownName() throws NamingException {
        assertThat(lookup("mx.mailfort.test", "TXT")).isEmpty();
    }

    @Test
    void logsTheQueries() throws NamingException {
        lookup("mailfort.test", "TXT");
        assertThat(dnsmasq.log()).contains("query[TXT] mailfort.test");
    }
}
