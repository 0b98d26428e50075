/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.testing.rspamd.RspamdExtension;
import dev.mailfort.testing.rspamd.RspamdTestMail;

/** The client against a real rspamd (Debian package, private offline configuration). */
class RspamdClientIntegrationTest {
    @RegisterExtension
    static RspamdExtension rspamd = new RspamdExtension();

    private static final RspamdEnvelope INBOUND = RspamdEnvelope.builder()
        .clientAddress("192.0.2.10")
        .clientHostname("mx.example.com")
        .helo("mx.example.com")
        .mailFrom("alice@example.com")
        .recipient("bob@example.org")
        .queueId("itest-1")
        .build();

    @Test
    void rejectsGtube() {
        RspamdVerdict verdict = client().check(bytes(RspamdTestMail.gtube()), INBOUND);

        assertThat(verdict.action()).contains(RspamdAction.REJECT);
        assertThat(verdict.scan().orElseThrow().symbols()).extracting(RspamdSymbol::name).contains("GTUBE");
    }

    @Test
    void addsHeaderWithTheMatchedSymbols() {
        RspamdVerdict verdict = client().check(
            bytes(RspamdTestMail.withTrigger(RspamdTestMail.ADD_HEADER_TRIGGER, "Quarterly figures")), INBOUND);

        RspamdScan scan = verdict.scan().orElseThrow();
        assertThat(scan.action()).isEqualTo(RspamdAction.ADD_HEADER);
        assertThat(scan.score()).isBetween(RspamdTestMail.ADD_HEADER_THRESHOLD, RspamdTestMail.REWRITE_SUBJECT_THRESHOLD);
        assertThat(scan.requiredScore()).isEqualTo(RspamdTestMail.REJECT_THRESHOLD);
        assertThat(scan.symbols()).first().extracting(RspamdSymbol::name).isEqualTo(RspamdTestMail.ADD_HEADER_SYMBOL);
        assertThat(scan.symbols()).hasSizeGreaterThan(1);
    }

    @Test
    void rewritesTheSubject() {
        RspamdVerdict verdict = client().check(
            bytes(RspamdTestMail.withTrigger(RspamdTestMail.REWRITE_SUBJECT_TRIGGER, "Quarterly figures")), INBOUND);

        assertThat(verdict.action()).contains(RspamdAction.REWRITE_SUBJECT);
        assertThat(verdict.scan().orElseThrow().rewrittenSubject()).contains("***SPAM*** Quarterly figures");
    }

    @Test
    void softRejectsWithAnSmtpMessage() {
        RspamdVerdict verdict = client().check(
            bytes(RspamdTestMail.withTrigger(RspamdTestMail.SOFT_REJECT_TRIGGER, "Quarterly figures")), INBOUND);

        assertThat(verdict.action()).contains(RspamdAction.SOFT_REJECT);
        assertThat(verdict.scan().orElseThrow().smtpMessage()).contains(RspamdTestMail.SOFT_REJECT_MESSAGE);
    }

    @Test
    void takesNoActionOnPlainBusinessMail() {
        RspamdVerdict verdict = client().check(bytes(RspamdTestMail.plainBusinessMail()), INBOUND);

        assertThat(verdict.action()).contains(RspamdAction.NO_ACTION);
        assertThat(verdict.scan().orElseThrow().score()).isLessThan(RspamdTestMail.GREYLIST_THRESHOLD);
    }

    @Test
    void passesTheEnvelopeToRspamd() throws Exception {
        client().check(bytes(RspamdTestMail.plainBusinessMail()), RspamdEnvelope.builder()
            .clientAddress("192.0.2.77")
            .helo("relay.example.net")
            .mailFrom("carol@example.net")
            .recipient("bob@example.org")
            .recipient("dave@example.org")
            .authenticatedUser("carol")
            .queueId("itest-envelope-7")
            .build());

        String logLine = Files.readAllLines(rspamd.logFile(), StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains("qid: <itest-envelope-7>"))
            .findFirst().orElseThrow();
        assertThat(logLine)
            .contains("ip: 192.0.2.77")
            .contains("user: carol")
            .contains("from: <carol@example.net>")
            .contains("rcpts: <bob@example.org,dave@example.org>");
    }

    @Test
    void isUnavailableWhileRspamdIsStopped() {
        RspamdClient client = client();
        rspamd.stop();

        RspamdVerdict verdict = client.check(bytes(RspamdTestMail.plainBusinessMail()), INBOUND);

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
        assertThat(verdict.scan()).isEmpty();
    }

    @Test
    void scansAgainOnceRspamdIsBack() {
        RspamdClient client = client();
        rspamd.stop();
        rspamd.start();

        assertThat(client.check(bytes(RspamdTestMail.gtube()), INBOUND).action()).contains(RspamdAction.REJECT);
    }

    private static RspamdClient client() {
        return new RspamdClient(RspamdSettings.builder().uri(rspamd.uri()).build());
    }

    private static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }
}
