/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.mailfort.local.FreeLoopbackPort;
import dev.mailfort.local.clamav.ClamdPing;
import dev.mailfort.local.rspamd.RspamdPing;
import dev.mailfort.server.local.LocalScannerConf.ClamdAddress;
import dev.mailfort.testing.clamav.Eicar;
import dev.mailfort.testing.rspamd.RspamdTestMail;

/**
 * The scanner part of {@link LocalRun} on the shipped {@code conf/}, with the Debian clamd and rspamd of this machine
 * (the tests need the packages clamav-daemon and rspamd, as the other scanner tests do).
 */
class LocalScannersTest {
    private static final String SMTP_HOOK = """
        <smtpservers>
            <smtpserver enabled="true">
                <handlerchain>
                    <handler class="dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting"/>
                </handlerchain>
            </smtpserver>
        </smtpservers>
        """;

    @TempDir
    Path run;
    @TempDir
    Path emptyClamavDatabase;

    private LocalScanners scanners;

    @AfterEach
    void stopScanners() {
        if (scanners != null) {
            scanners.stop();
        }
    }

    @Test
    void startsClamdAndRspamdWhereNothingAnswersAndPointsTheRunConfigurationAtThem() throws Exception {
        ExpectedAddresses expected = shippedConfExpectingFreePorts();
        scanners = new LocalScanners(run, installedWithoutSignatures(), LoggerFactory.getLogger(getClass()));

        scanners.start();

        var clamd = scanners.clamd().orElseThrow();
        var rspamd = scanners.rspamd().orElseThrow();
        assertThat(clamd.directory()).isEqualTo(run.resolve("clamd"));
        assertThat(rspamd.directory()).isEqualTo(run.resolve("rspamd"));
        assertThat(ClamdPing.answers("127.0.0.1", clamd.port())).isTrue();
        assertThat(RspamdPing.answers(rspamd.uri())).isTrue();
        assertThat(clamd.port()).isNotEqualTo(expected.clamd().port());
        assertThat(LocalScannerConf.clamd(conf("mailetcontainer.xml")))
            .contains(new ClamdAddress("127.0.0.1", clamd.port()));
        assertThat(LocalScannerConf.rspamd(conf("mailetcontainer.xml"))).contains(rspamd.uri());
        assertThat(LocalScannerConf.rspamd(conf("smtpserver.xml"))).contains(rspamd.uri());
        // No database in the machine's ClamAV directory: EICAR only, and the developer is told.
        assertThat(instream(clamd.port(), Eicar.bytes())).isEqualTo("stream: Eicar-Test-Signature.UNOFFICIAL FOUND");
        assertThat(scanners.warnings()).singleElement().asString()
            .contains("NO REAL VIRUS SIGNATURES").contains("freshclam");
        // The stock rules, not the tests' triggers: GTUBE is rejected, and only by rspamd's own rule.
        assertThat(check(rspamd.uri(), RspamdTestMail.gtube())).contains("\"action\":\"reject\"").contains("\"GTUBE\"")
            .doesNotContain("MAILFORT_TEST");

        scanners.stop();

        assertThat(ClamdPing.answers("127.0.0.1", clamd.port())).isFalse();
        assertThat(RspamdPing.answers(rspamd.uri())).isFalse();
    }

    @Test
    void withoutTheProgramsSaysWhatToInstallAndLeavesTheConfigurationAlone() throws Exception {
        shippedConfExpectingFreePorts();
        String pipeline = conf("mailetcontainer.xml");
        LocalScanners.Machine bare = new LocalScanners.Machine(Optional.empty(), emptyClamavDatabase,
            Optional.empty(), installedWithoutSignatures().rspamdConfig());
        scanners = new LocalScanners(run, bare, LoggerFactory.getLogger(getClass()));

        scanners.start();

        assertThat(scanners.clamd()).isEmpty();
        assertThat(scanners.rspamd()).isEmpty();
        assertThat(conf("mailetcontainer.xml")).isEqualTo(pipeline);
        assertThat(scanners.warnings()).hasSize(2);
        assertThat(scanners.warnings()).satisfiesExactlyInAnyOrder(
                clamd -> assertThat(clamd).contains("clamav-daemon").contains("WAIT").contains("virus-scan"),
                rspamd -> assertThat(rspamd).contains("apt-get install rspamd").contains("WAIT").contains("spam-scan"));
    }

    @Test
    void usesAClamdThatAlreadyAnswers() throws Exception {
        try (ServerSocket fakeClamd = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answerPongs(fakeClamd));
            answering.setDaemon(true);
            answering.start();
            Path conf = Files.createDirectories(run.resolve("conf"));
            String pipeline = "<processor><mailet match=\"All\" class=\"dev.mailfort.mailets.ScanWithClamAV\">"
                + "<port>" + fakeClamd.getLocalPort() + "</port></mailet></processor>";
            Files.writeString(conf.resolve("mailetcontainer.xml"), pipeline);
            scanners = new LocalScanners(run, installedWithoutSignatures(), LoggerFactory.getLogger(getClass()));

            scanners.start();

            assertThat(scanners.clamd()).isEmpty();
            assertThat(scanners.rspamd()).isEmpty();
            assertThat(conf("mailetcontainer.xml")).isEqualTo(pipeline);
            assertThat(scanners.warnings()).isEmpty();
        }
    }

    @Test
    void leavesAScannerOnAnotherMachineAlone() throws Exception {
        Path conf = Files.createDirectories(run.resolve("conf"));
        String pipeline = "<processor><mailet match=\"All\" class=\"dev.mailfort.mailets.ScanWithRspamd\">"
            + "<url>http://rspamd.invalid:11333</url></mailet></processor>";
        Files.writeString(conf.resolve("mailetcontainer.xml"), pipeline);
        scanners = new LocalScanners(run, installedWithoutSignatures(), LoggerFactory.getLogger(getClass()));

        scanners.start();

        assertThat(scanners.rspamd()).isEmpty();
        assertThat(conf("mailetcontainer.xml")).isEqualTo(pipeline);
    }

    private record ExpectedAddresses(ClamdAddress clamd, URI rspamd) {
    }

    /** The shipped pipeline plus an SMTP hook, moved to ports where nothing answers, whatever runs on this machine. */
    private ExpectedAddresses shippedConfExpectingFreePorts() throws IOException {
        Path shipped = Path.of(System.getProperty("mailfort.conf.dir", "../conf"));
        ExpectedAddresses expected = new ExpectedAddresses(new ClamdAddress("127.0.0.1", FreeLoopbackPort.pick()),
            URI.create("http://127.0.0.1:" + FreeLoopbackPort.pick()));
        String pipeline = LocalScannerConf.pointRspamdAt(
            LocalScannerConf.pointClamdAt(Files.readString(shipped.resolve("mailetcontainer.xml")),
                ClamdAddress.DEFAULT, expected.clamd().port()),
            LocalScannerConf.DEFAULT_RSPAMD, expected.rspamd());
        Path conf = Files.createDirectories(run.resolve("conf"));
        Files.writeString(conf.resolve("mailetcontainer.xml"), pipeline);
        Files.writeString(conf.resolve("smtpserver.xml"),
            LocalScannerConf.pointRspamdAt(SMTP_HOOK, LocalScannerConf.DEFAULT_RSPAMD, expected.rspamd()));
        assertThat(LocalScannerConf.clamd(pipeline)).contains(expected.clamd());
        return expected;
    }

    private LocalScanners.Machine installedWithoutSignatures() {
        LocalScanners.Machine installed = LocalScanners.Machine.installed();
        return new LocalScanners.Machine(installed.clamdBinary(), emptyClamavDatabase, installed.rspamdBinary(),
            installed.rspamdConfig());
    }

    private String conf(String name) throws IOException {
        return Files.readString(run.resolve("conf").resolve(name), StandardCharsets.UTF_8);
    }

    private static String instream(int port, byte[] content) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, (byte) content.length});
            out.write(content);
            out.write(new byte[4]);
            return readUntilNul(socket.getInputStream());
        }
    }

    private static String check(URI rspamd, String message) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
            HttpRequest.newBuilder(rspamd.resolve("/checkv2")).POST(HttpRequest.BodyPublishers.ofString(message))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static void answerPongs(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                readUntilNul(client.getInputStream());
                client.getOutputStream().write("PONG\0".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String readUntilNul(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int b = in.read(); b > 0; b = in.read()) {
            text.append((char) b);
        }
        return text.toString();
    }
}
