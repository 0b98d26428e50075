/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.mailfort.server.local.LocalScannerConf.ClamdAddress;

class LocalScannerConfTest {
    private static final String PIPELINE = """
        <mailetcontainer>
            <!-- An example in a comment is not configuration:
            <mailet match="All" class="dev.mailfort.mailets.ScanWithClamAV"><port>9999</port></mailet> -->
            <processors>
                <processor state="virus-scan">
                    <mailet match="All" class="dev.mailfort.mailets.ScanWithClamAV">
                        <!-- clamd's TCPAddr and TCPSocket. -->
                        <host>127.0.0.1</host>
                        <port>3310</port>
                        <maxSize>25M</maxSize>
                    </mailet>
                    <mailet match="All" class="ToProcessor">
                        <processor>spam-scan</processor>
                    </mailet>
                </processor>
                <processor state="spam-scan">
                    <mailet match="All" class="dev.mailfort.mailets.ScanWithRspamd">
                        <url>http://127.0.0.1:11333</url>
                        <!-- <url>http://10.0.0.1:11333</url> -->
                        <maxSize>10M</maxSize>
                    </mailet>
                </processor>
            </processors>
        </mailetcontainer>
        """;

    @Test
    void readsTheClamdAddressOfTheScanWithClamAVMailet() {
        assertThat(LocalScannerConf.clamd(PIPELINE)).contains(new ClamdAddress("127.0.0.1", 3310));
    }

    @Test
    void aScanWithClamAVWithoutParametersExpectsTheDefaultAddress() {
        String xml = "<processor><mailet match=\"All\" class=\"dev.mailfort.mailets.ScanWithClamAV\"/></processor>";

        assertThat(LocalScannerConf.clamd(xml)).contains(new ClamdAddress("127.0.0.1", 3310));
    }

    @Test
    void noClamdWhenVirusScanningIsSwitchedOff() {
        String xml = PIPELINE.replaceAll("(?s)<mailet match=\"All\" class=\"dev.mailfort.mailets.ScanWithClamAV\">.*?"
            + "</mailet>", "");

        assertThat(LocalScannerConf.clamd(xml)).isEmpty();
    }

    @Test
    void readsTheRspamdUrlAndIgnoresACommentedOutOne() {
        assertThat(LocalScannerConf.rspamd(PIPELINE)).contains(URI.create("http://127.0.0.1:11333"));
    }

    @Test
    void pointsScanWithClamAVAtTheNewPortAndKeepsTheRest() {
        String rewritten = LocalScannerConf.pointClamdAt(PIPELINE, new ClamdAddress("127.0.0.1", 3310), 41234);

        assertThat(LocalScannerConf.clamd(rewritten)).contains(new ClamdAddress("127.0.0.1", 41234));
        assertThat(rewritten)
            .isEqualTo(PIPELINE.replace("<port>3310</port>", "<port>41234</port>"))
            .contains("<port>9999</port>");
    }

    @Test
    void pointsLocalhostAtTheLoopbackAddressClamdListensOn() {
        String xml = PIPELINE.replace("<host>127.0.0.1</host>", "<host>localhost</host>");

        String rewritten = LocalScannerConf.pointClamdAt(xml, new ClamdAddress("localhost", 3310), 41234);

        assertThat(rewritten).contains("<host>127.0.0.1</host>").contains("<port>41234</port>");
    }

    @Test
    void addsThePortToAMailetThatUsesTheDefault() {
        String xml = "<processor>\n<mailet match=\"All\" class=\"dev.mailfort.mailets.ScanWithClamAV\"/>\n"
            + "<mailet match=\"All\" class=\"dev.mailfort.mailets.ScanWithClamAV\">\n<maxSize>25M</maxSize>\n</mailet>\n"
            + "</processor>";

        String rewritten = LocalScannerConf.pointClamdAt(xml, ClamdAddress.DEFAULT, 41234);

        assertThat(rewritten).isEqualTo("<processor>\n"
            + "<mailet match=\"All\" class=\"dev.mailfort.mailets.ScanWithClamAV\"><port>41234</port></mailet>\n"
            + "<mailet match=\"All\" class=\"dev.mailfort.mailets.ScanWithClamAV\"><port>41234</port>\n"
            + "<maxSize>25M</maxSize>\n</mailet>\n</processor>");
    }

    @Test
    void leavesAClamdAtAnotherAddressAlone() {
        String rewritten = LocalScannerConf.pointClamdAt(PIPELINE, new ClamdAddress("127.0.0.1", 3311), 41234);

        assertThat(rewritten).isEqualTo(PIPELINE);
    }

    @Test
    void pointsScanWithRspamdAtTheNewUrlButNotTheCommentedOutOne() {
        String rewritten = LocalScannerConf.pointRspamdAt(PIPELINE, URI.create("http://127.0.0.1:11333"),
            URI.create("http://127.0.0.1:45678"));

        assertThat(rewritten).isEqualTo(PIPELINE.replace("<url>http://127.0.0.1:11333</url>",
            "<url>http://127.0.0.1:45678</url>"));
    }

    @Test
    void pointsEverySmtpHookAtTheNewUrlIncludingOneThatUsesTheDefault() {
        String smtp = """
            <smtpservers>
                <smtpserver enabled="true">
                    <handlerchain>
                        <handler class="dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting">
                            <url>http://127.0.0.1:11333/</url>
                        </handler>
                        <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
                    </handlerchain>
                </smtpserver>
                <smtpserver enabled="true">
                    <handlerchain>
                        <handler class="dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting"/>
                    </handlerchain>
                </smtpserver>
            </smtpservers>
            """;

        assertThat(LocalScannerConf.rspamd(smtp)).contains(URI.create("http://127.0.0.1:11333/"));
        String rewritten = LocalScannerConf.pointRspamdAt(smtp, URI.create("http://127.0.0.1:11333"),
            URI.create("http://127.0.0.1:45678"));

        assertThat(rewritten)
            .contains("<url>http://127.0.0.1:45678</url>\n")
            .contains("<handler class=\"dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting\">"
                + "<url>http://127.0.0.1:45678</url></handler>")
            .contains("<handler class=\"org.apache.james.smtpserver.fastfail.ValidRcptHandler\"/>")
            .doesNotContain("11333");
    }

    @Test
    void knowsLoopbackAddresses() {
        assertThat(LocalScannerConf.isLoopback("127.0.0.1")).isTrue();
        assertThat(LocalScannerConf.isLoopback("localhost")).isTrue();
        assertThat(LocalScannerConf.isLoopback("[::1]")).isTrue();
        assertThat(LocalScannerConf.isLoopback("clamav.internal.example.com")).isFalse();
        assertThat(LocalScannerConf.isLoopback("10.0.0.5")).isFalse();
    }

    @Test
    void readsTheShippedPipeline() throws IOException {
        String shipped = Files.readString(Path.of(System.getProperty("mailfort.conf.dir", "../conf"))
            .resolve("mailetcontainer.xml"), StandardCharsets.UTF_8);

        assertThat(LocalScannerConf.clamd(shipped)).contains(ClamdAddress.DEFAULT);
        assertThat(LocalScannerConf.rspamd(shipped)).contains(LocalScannerConf.DEFAULT_RSPAMD);
        String rewritten = LocalScannerConf.pointRspamdAt(
            LocalScannerConf.pointClamdAt(shipped, ClamdAddress.DEFAULT, 41234),
            LocalScannerConf.DEFAULT_RSPAMD, URI.create("http://127.0.0.1:45678"));
        assertThat(LocalScannerConf.clamd(rewritten)).contains(new ClamdAddress("127.0.0.1", 41234));
        assertThat(LocalScannerConf.rspamd(rewritten)).contains(URI.create("http://127.0.0.1:45678"));
    }
}
