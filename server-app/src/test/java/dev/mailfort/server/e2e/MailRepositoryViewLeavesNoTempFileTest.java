/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * An admin viewing a large held mail through James's mail repository routes, as the README shows, must not leave a
 * temporary file behind on the server: James 3.8.1 never disposed of the mail it read, and a Cassandra repository
 * keeps a blob over 100 KiB in a temporary file until then.
 */
class MailRepositoryViewLeavesNoTempFileTest {
    private static final String REPOSITORY = "var/mail/kept/";
    private static final String PIPELINE = """
        <?xml version="1.0" encoding="UTF-8"?>
        <mailetcontainer enableJmx="false">
            <context>
                <postmaster>postmaster@example.com</postmaster>
            </context>
            <spooler>
                <threads>2</threads>
                <errorRepository>cassandra://var/mail/error/</errorRepository>
            </spooler>
            <processors>
                <processor state="root">
                    <mailet match="All" class="ToRepository">
                        <repositoryPath>cassandra://var/mail/kept/</repositoryPath>
                    </mailet>
                </processor>
                <processor state="transport">
                    <mailet match="All" class="RemoveMimeHeader">
                        <name>bcc</name>
                    </mailet>
                    <mailet match="All" class="Null"/>
                </processor>
                <processor state="error">
                    <mailet match="All" class="ToRepository">
                        <repositoryPath>cassandra://var/mail/error/</repositoryPath>
                    </mailet>
                </processor>
            </processors>
        </mailetcontainer>
        """;
    /** Guava's FileBackedOutputStream, which James's blob store reads large blobs into, names its files so. */
    private static final String TEMP_FILE_PREFIX = "FileBackedOutputStream";
    private static final String MARKER = "held-body-line";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension()
        .withConf(conf -> {
            conf.replaceConf("mailetcontainer.xml", PIPELINE);
            conf.removeSmtpHandler(CheckSpamBeforeAccepting.class.getName());
        });

    private static String mailPath;

    @BeforeAll
    static void holdALargeMail() throws IOException {
        server.webAdmin().addDomain("example.com");
        MailUser recipient = MailUser.create(server, "held", "example.com");
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("MAIL FROM:<alice@sender.example>")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + recipient.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            smtp.send("From: <alice@sender.example>").send("To: <" + recipient.address() + ">")
                .send("Subject: a large held mail").send("");
            // About 300 KiB of body: well over the 100 KiB that the blob store keeps in memory.
            for (int line = 0; line < 4000; line++) {
                smtp.send(MARKER + " " + line + " " + "x".repeat(60));
            }
            assertThat(smtp.smtp(".")).startsWith("250 ");
        }
        String mails = "/mailRepositories/" + encode(REPOSITORY) + "/mails";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> server.webAdmin().get(mails).status() == 200 && keys(mails).size() == 1);
        mailPath = mails + "/" + encode(keys(mails).get(0));
    }

    @Test
    void viewingALargeHeldMailLeavesNoTemporaryFile() throws IOException {
        Set<Path> before = tempFiles();

        for (int view = 0; view < 3; view++) {
            WebAdminClient.Response json = server.webAdmin().get(mailPath + "?additionalFields=headers,textBody,messageSize");
            assertThat(json.status()).as(json.body()).isEqualTo(200);
            assertThat(json.body()).contains("a large held mail").contains(MARKER + " 3999 ");
        }

        assertThat(leftSince(before)).isEmpty();
    }

    @Test
    void downloadingALargeHeldMailGivesTheWholeMessageAndLeavesNoTemporaryFile() throws IOException {
        Set<Path> before = tempFiles();

        for (int download = 0; download < 3; download++) {
            WebAdminClient.Response raw = server.webAdmin().get(mailPath, "message/rfc822");
            assertThat(raw.status()).as(raw.body()).isEqualTo(200);
            assertThat(raw.body()).contains("Subject: a large held mail")
                .contains(MARKER + " 0 ").contains(MARKER + " 3999 ");
        }

        assertThat(leftSince(before)).isEmpty();
    }

    private static Set<Path> leftSince(Set<Path> before) throws IOException {
        Set<Path> left = tempFiles();
        left.removeAll(before);
        return left;
    }

    private static Set<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith(TEMP_FILE_PREFIX))
                .collect(Collectors.toSet());
        }
    }

    private static List<String> keys(String mails) throws IOException {
        return server.webAdmin().get(mails).jsonStrings();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
