/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mailfort.testing.rspamd.RspamdStub;

class RspamdClientTest {
    private static final byte[] MESSAGE = ("From: alice@example.com\r\nTo: bob@example.org\r\nSubject: Hi\r\n\r\n"
        + "Hello Bob\r\n").getBytes(StandardCharsets.US_ASCII);

    /** A reply as rspamd 3.4 writes it (shortened), with a rewritten subject and an SMTP message. */
    private static final String FULL_REPLY = """
        {"is_skipped":false,"score":11.5,"required_score":15.0,"action":"rewrite subject",
         "subject":"***SPAM*** Hi",
         "symbols":{
           "FROM_NO_DN":{"name":"FROM_NO_DN","score":0.0,"metric_score":0.0,"description":"From has no display name"},
           "MISSING_MID":{"name":"MISSING_MID","score":2.5,"metric_score":2.5,"description":"Message id is missing"},
           "BAYES_SPAM":{"name":"BAYES_SPAM","score":9.0,"metric_score":5.1,"options":["99.99%"]}},
         "messages":{"smtp_message":"Spam message rejected"},
         "message-id":"undef","time_real":0.0015}
        """;

    private final RspamdStub stub = RspamdStub.start();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void postsTheRawMessageToCheckv2() {
        client().check(MESSAGE, RspamdEnvelope.empty());

        RspamdStub.Request request = stub.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/checkv2");
        assertThat(request.body()).isEqualTo(MESSAGE);
    }

    @Test
    void sendsTheEnvelopeInHeaders() {
        client().check(MESSAGE, RspamdEnvelope.builder()
            .clientAddress("192.0.2.10")
            .clientHostname("mx.example.com")
            .helo("mx.example.com")
            .mailFrom("alice@example.com")
            .recipient("bob@example.org")
            .recipient("carol@example.org")
            .authenticatedUser("alice")
            .queueId("Mail1700000000000-42")
            .build());

        RspamdStub.Request request = stub.lastRequest();
        assertThat(request.header("IP")).contains("192.0.2.10");
        assertThat(request.header("Hostname")).contains("mx.example.com");
        assertThat(request.header("Helo")).contains("mx.example.com");
        assertThat(request.header("From")).contains("alice@example.com");
        assertThat(request.headers("Rcpt")).containsExactly("bob@example.org", "carol@example.org");
        assertThat(request.header("User")).contains("alice");
        assertThat(request.header("Queue-Id")).contains("Mail1700000000000-42");
    }

    @Test
    void leavesOutWhatTheEnvelopeDoesNotHave() {
        client().check(MESSAGE, RspamdEnvelope.empty());

        RspamdStub.Request request = stub.lastRequest();
        for (String header : List.of("IP", "Hostname", "Helo", "From", "Rcpt", "User", "Queue-Id", "Password")) {
            assertThat(request.header(header)).as(header).isEmpty();
        }
    }

    @Test
    void sendsTheNullSenderAsEmptyPath() {
        client().check(MESSAGE, RspamdEnvelope.builder().nullSender().recipient("bob@example.org").build());

        assertThat(stub.lastRequest().header("From")).contains("<>");
    }

    @Test
    void sendsThePasswordWhenConfigured() {
        client(RspamdSettings.builder().uri(stub.uri()).password("s3cret")).check(MESSAGE, RspamdEnvelope.empty());

        assertThat(stub.lastRequest().header("Password")).contains("s3cret");
    }

    @Test
    void sendsInternationalizedDomainsInAsciiForm() {
        client().check(MESSAGE, RspamdEnvelope.builder().recipient("bob@exämple.org").build());

        assertThat(stub.lastRequest().header("Rcpt")).contains("bob@xn--exmple-cua.org");
    }

    @Test
    void leavesOutAnAddressThatCannotBeWrittenInAscii() {
        client().check(MESSAGE, RspamdEnvelope.builder().recipient("josé@example.org").recipient("bob@example.org")
            .build());

        assertThat(stub.lastRequest().headers("Rcpt")).containsExactly("bob@example.org");
    }

    @Test
    void dropsControlCharactersFromEnvelopeValues() {
        client().check(MESSAGE, RspamdEnvelope.builder().helo("evil\r\nX-Injected: yes").build());

        RspamdStub.Request request = stub.lastRequest();
        assertThat(request.header("Helo")).contains("evilX-Injected: yes");
        assertThat(request.header("X-Injected")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RspamdAction.class)
    void readsEachAction(RspamdAction action) {
        stub.answer(RspamdStub.reply(action.wireName(), 3.0, 15.0));

        RspamdVerdict verdict = client().check(MESSAGE, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.SCANNED);
        assertThat(verdict.action()).contains(action);
    }

    @Test
    void readsScoresSymbolsSubjectAndMessages() {
        stub.answer(FULL_REPLY);

        RspamdScan scan = client().check(MESSAGE, RspamdEnvelope.empty()).scan().orElseThrow();

        assertThat(scan.action()).isEqualTo(RspamdAction.REWRITE_SUBJECT);
        assertThat(scan.score()).isEqualTo(11.5);
        assertThat(scan.requiredScore()).isEqualTo(15.0);
        assertThat(scan.symbols()).containsExactly(
            new RspamdSymbol("BAYES_SPAM", 9.0),
            new RspamdSymbol("MISSING_MID", 2.5),
            new RspamdSymbol("FROM_NO_DN", 0.0));
        assertThat(scan.rewrittenSubject()).contains("***SPAM*** Hi");
        assertThat(scan.smtpMessage()).contains("Spam message rejected");
    }

    @Test
    void hasNoRewrittenSubjectWhenRspamdSendsNone() {
        stub.answer(RspamdStub.reply("add header", 7.0, 15.0));

        RspamdScan scan = client().check(MESSAGE, RspamdEnvelope.empty()).scan().orElseThrow();

        assertThat(scan.rewrittenSubject()).isEmpty();
        assertThat(scan.symbols()).isEmpty();
        assertThat(scan.messages()).isEmpty();
    }

    @Test
    void isUnavailableOnServerError() {
        stub.answer(500, "invalid command");

        RspamdVerdict verdict = client().check(MESSAGE, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
        assertThat(verdict.scan()).isEmpty();
        assertThat(verdict.detail()).contains("HTTP 500").contains("invalid command");
    }

    @Test
    void isUnavailableOnGarbage() {
        stub.answer("<html>Bad gateway</html>");

        RspamdVerdict verdict = client().check(MESSAGE, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
        assertThat(verdict.detail()).contains("not JSON");
    }

    @Test
    void isUnavailableWhenTheReplyHasNoAction() {
        stub.answer("{\"score\":1.0,\"required_score\":15.0}");

        assertThat(client().check(MESSAGE, RspamdEnvelope.empty()).status())
            .isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
    }

    @Test
    void isUnavailableWhenTheReplyHasNoScore() {
        stub.answer("{\"action\":\"no action\",\"required_score\":15.0}");

        assertThat(client().check(MESSAGE, RspamdEnvelope.empty()).status())
            .isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
    }

    @Test
    void isUnavailableOnAnUnknownAction() {
        stub.answer(RspamdStub.reply("teleport", 1.0, 15.0));

        RspamdVerdict verdict = client().check(MESSAGE, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
        assertThat(verdict.detail()).contains("teleport");
    }

    @Test
    void isUnavailableWhenRspamdReportsAnError() {
        stub.answer("{\"error\":\"cannot parse message\"}");

        RspamdVerdict verdict = client().check(MESSAGE, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
        assertThat(verdict.detail()).contains("cannot parse message");
    }

    @Test
    void isUnavailableWhenRspamdTakesLongerThanTheReadTimeout() {
        stub.delay(Duration.ofSeconds(5));
        RspamdClient client = client(RspamdSettings.builder().uri(stub.uri()).readTimeout(Duration.ofMillis(300)));

        long start = System.nanoTime();
        RspamdVerdict verdict = client.check(MESSAGE, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void isUnavailableWhenTheReplyBodyStalls() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread stalling = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"act")
                        .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    Thread.sleep(5000);
                } catch (IOException | InterruptedException e) {
                    // The client gave up, as it should.
                }
            });
            stalling.setDaemon(true);
            stalling.start();
            RspamdClient client = client(RspamdSettings.builder()
                .uri("http://127.0.0.1:" + server.getLocalPort())
                .connectTimeout(Duration.ofMillis(300))
                .readTimeout(Duration.ofMillis(300)));

            long start = System.nanoTime();
            RspamdVerdict verdict = client.check(MESSAGE, RspamdEnvelope.empty());

            assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void isUnavailableWhenNothingListens() {
        int port = stub.port();
        stub.close();

        RspamdVerdict verdict = client(RspamdSettings.builder().uri("http://127.0.0.1:" + port))
            .check(MESSAGE, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.UNAVAILABLE);
        assertThat(verdict.detail()).contains("ConnectException");
    }

    @Test
    void doesNotSendAMessageOverTheSizeLimit() {
        RspamdClient client = client(RspamdSettings.builder().uri(stub.uri()).maxMessageSize(MESSAGE.length - 1));

        RspamdVerdict verdict = client.check(MESSAGE, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.TOO_LARGE);
        assertThat(verdict.scan()).isEmpty();
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void sendsAMessageOfExactlyTheSizeLimit() {
        RspamdClient client = client(RspamdSettings.builder().uri(stub.uri()).maxMessageSize(MESSAGE.length));

        assertThat(client.check(MESSAGE, RspamdEnvelope.empty()).status()).isEqualTo(RspamdVerdict.Status.SCANNED);
    }

    @Test
    void stopsReadingAStreamOneByteOverTheSizeLimit() throws IOException {
        int limit = 1000;
        CountingStream endless = new CountingStream();
        RspamdClient client = client(RspamdSettings.builder().uri(stub.uri()).maxMessageSize(limit));

        RspamdVerdict verdict = client.check(endless, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.TOO_LARGE);
        assertThat(endless.read).isEqualTo(limit + 1);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void scansAStream() throws IOException {
        RspamdVerdict verdict = client().check(new ByteArrayInputStream(MESSAGE), RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.SCANNED);
        assertThat(stub.lastRequest().body()).isEqualTo(MESSAGE);
    }

    @Test
    void scansWhatAWriterWrites() throws IOException {
        RspamdVerdict verdict = client().check(out -> out.write(MESSAGE), RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.SCANNED);
        assertThat(stub.lastRequest().body()).isEqualTo(MESSAGE);
    }

    @Test
    void stopsAWriterThatWritesPastTheSizeLimit() throws IOException {
        RspamdClient client = client(RspamdSettings.builder().uri(stub.uri()).maxMessageSize(10));

        RspamdVerdict verdict = client.check(out -> {
            try {
                out.write(MESSAGE);
            } catch (IOException e) {
                throw new IOException("wrapped by the writer", e);
            }
        }, RspamdEnvelope.empty());

        assertThat(verdict.status()).isEqualTo(RspamdVerdict.Status.TOO_LARGE);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void letsTheWritersOwnFailureThrough() {
        assertThatThrownBy(() -> client().check(out -> {
            throw new IOException("blob store down");
        }, RspamdEnvelope.empty())).hasMessage("blob store down");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void servesConcurrentCallersFromOneInstance() throws Exception {
        RspamdClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<RspamdVerdict>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String queueId = "q" + i;
                calls.add(() -> client.check(MESSAGE, RspamdEnvelope.builder().queueId(queueId).build()));
            }
            for (Future<RspamdVerdict> result : pool.invokeAll(calls)) {
                assertThat(result.get().status()).isEqualTo(RspamdVerdict.Status.SCANNED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stub.requests()).hasSize(40);
        assertThat(stub.requests().stream().map(r -> r.header("Queue-Id").orElseThrow()).distinct()).hasSize(40);
    }

    @Test
    void joinsCheckv2ToABaseUriWithAPath() {
        client(RspamdSettings.builder().uri(stub.uri() + "/rspamd/")).check(MESSAGE, RspamdEnvelope.empty());

        assertThat(stub.lastRequest().path()).isEqualTo("/rspamd/checkv2");
    }

    private RspamdClient client() {
        return client(RspamdSettings.builder().uri(stub.uri()));
    }

    private static RspamdClient client(RspamdSettings.Builder settings) {
        return new RspamdClient(settings.build());
    }

    private static final class CountingStream extends InputStream {
        private long read;

        @Override
        public int read() {
            read++;
            return 'a';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = 'a';
            }
            read += length;
            return length;
        }
    }
}
