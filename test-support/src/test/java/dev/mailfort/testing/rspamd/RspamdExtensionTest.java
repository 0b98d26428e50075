/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rspamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RspamdExtensionTest {
    @RegisterExtension
    static RspamdExtension rspamd = new RspamdExtension();

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();

    @Test
    void answersPingOnLoopback() throws Exception {
        HttpResponse<String> response = get("/ping");

        assertThat(rspamd.host()).isEqualTo("127.0.0.1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("pong");
    }

    @Test
    void rejectsGtube() throws Exception {
        assertThat(check(RspamdTestMail.gtube())).contains("\"action\":\"reject\"").contains("\"GTUBE\"");
    }

    @Test
    void addsHeaderForTheAddHeaderTrigger() throws Exception {
        assertThat(check(RspamdTestMail.withTrigger(RspamdTestMail.ADD_HEADER_TRIGGER, "Quarterly figures")))
            .contains("\"action\":\"add header\"")
            .contains("\"" + RspamdTestMail.ADD_HEADER_SYMBOL + "\"");
    }

    @Test
    void rewritesSubjectForTheRewriteSubjectTrigger() throws Exception {
        assertThat(check(RspamdTestMail.withTrigger(RspamdTestMail.REWRITE_SUBJECT_TRIGGER, "Quarterly figures")))
            .contains("\"action\":\"rewrite subject\"")
            .contains("\"subject\":\"***SPAM*** Quarterly figures\"");
    }

    @Test
    void greylistsForTheGreylistTrigger() throws Exception {
        assertThat(check(RspamdTestMail.withTrigger(RspamdTestMail.GREYLIST_TRIGGER, "Quarterly figures")))
            .contains("\"action\":\"greylist\"");
    }

    @Test
    void softRejectsForTheSoftRejectTrigger() throws Exception {
        assertThat(check(RspamdTestMail.withTrigger(RspamdTestMail.SOFT_REJECT_TRIGGER, "Quarterly figures")))
            .contains("\"action\":\"soft reject\"")
            .contains(RspamdTestMail.SOFT_REJECT_MESSAGE);
    }

    @Test
    void takesNoActionOnPlainBusinessMail() throws Exception {
        assertThat(check(RspamdTestMail.plainBusinessMail())).contains("\"action\":\"no action\"");
    }

    @Test
    void logsEachScanInItsOwnLogFile() throws Exception {
        check(RspamdTestMail.gtube());

        assertThat(rspamd.logFile()).startsWith(SharedRspamd.instance().directory());
        assertThat(Files.readString(rspamd.logFile())).contains("rspamd_task_write_log");
    }

    @Test
    void refusesConnectionsWhenStoppedAndComesBackOnTheSamePort() throws Exception {
        int port = rspamd.port();

        rspamd.stop();

        assertThat(rspamd.isRunning()).isFalse();
        assertThatThrownBy(() -> get("/ping")).isInstanceOf(ConnectException.class);

        rspamd.start();

        assertThat(rspamd.port()).isEqualTo(port);
        assertThat(get("/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void isRunningAgainAfterATestStoppedIt() throws Exception {
        rspamd.stop();
        new RspamdExtension().beforeEach(null);

        assertThat(rspamd.isRunning()).isTrue();
        assertThat(get("/ping").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rspamd.port() + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private String check(String message) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(rspamd.uri().resolve("/checkv2"))
            .header("IP", "192.0.2.10")
            .header("Helo", "mx.example.com")
            .header("From", "alice@example.com")
            .header("Rcpt", "bob@example.org")
            .POST(HttpRequest.BodyPublishers.ofString(message))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
