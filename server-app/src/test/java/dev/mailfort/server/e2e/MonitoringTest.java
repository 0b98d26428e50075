/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailfort.server.e2e.support.AttachedFile;
import dev.mailfort.server.e2e.support.InternetSender;
import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.e2e.support.MailboxCounts;
import dev.mailfort.server.e2e.support.Quarantines;
import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;
import dev.mailfort.testing.clamav.Eicar;
import dev.mailfort.testing.rspamd.RspamdTestMail;

/**
 * What an admin monitors, after clean, infected and spam mail went through the real pipeline: the Prometheus counters
 * and timings on WebAdmin's {@code /metrics}, the decision log line, and the health checks.
 */
class MonitoringTest {
    // Not example.com: RspamdTestMail's messages come From: example.com, which must stay a domain from outside.
    private static final String DOMAIN = "example.org";
    private static final String BODY_MARKER = "figures-for-the-board-only";

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    private static final ListAppender<ILoggingEvent> DECISIONS = new ListAppender<>();
    private static Logger decisionLogger;
    private static InternetSender internet;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
        internet = new InternetSender(server);
        decisionLogger = (Logger) LoggerFactory.getLogger("mailfort.decisions");
        decisionLogger.setLevel(Level.INFO);
        DECISIONS.start();
        decisionLogger.addAppender(DECISIONS);
    }

    @AfterAll
    static void detach() {
        decisionLogger.detachAppender(DECISIONS);
    }

    @Test
    void metricsCountScannerVerdictsAndDecisionsOfCleanInfectedAndSpamMail() {
        MailUser bob = MailUser.create(server, "bob", DOMAIN);
        Map<String, Double> before = metrics();

        internet.send("alice@example.com", bob.address(), RspamdTestMail.plainBusinessMail());
        MailboxCounts.awaitMessageCount(server, bob, "INBOX", 1);
        internet.send("mallory@sender.example", bob.address(), infected(bob, "<" + UUID.randomUUID() + "@sender.example>"));
        Quarantines.awaitHeldFor(server, Quarantines.VIRUS, bob);
        assertThat(sendOnPort25(bob, RspamdTestMail.gtube())).startsWith("550 5.7.1 ");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Double> after = metrics();
            assertThat(increase(before, after, "mailfort_clamav_verdict_clean_total")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "mailfort_clamav_verdict_infected_total")).isEqualTo(1);
            assertThat(increase(before, after, "mailfort_rspamd_verdict_reject_total")).isEqualTo(1);
            assertThat(increase(before, after, "mailfort_rspamd_verdict_no_action_total")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "mailfort_attachments_verdict_clean_total")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "mailfort_mail_delivered_total")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "mailfort_mail_quarantined_virus_total")).isEqualTo(1);
            assertThat(increase(before, after, "mailfort_mail_rejected_spam_total")).isEqualTo(1);
            assertThat(increase(before, after, "mailfort_clamav_duration_count")).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void metricsIncludeLatencyQuantilesQueuesCassandraAndTheProtocols() {
        String text = server.webAdmin().get("/metrics").body();

        assertThat(text)
            .contains("# TYPE mailfort_clamav_duration summary")
            .contains("mailfort_clamav_duration{quantile=\"0.99\",}")
            .contains("mailfort_queue_spool_size ")
            .contains("mailfort_queue_spool_oldest_age_seconds ")
            .contains("mailfort_queue_outgoing_size ")
            .containsPattern("(?m)^cassandra_s\\d+_cql_requests_count ")
            .containsPattern("(?m)^SMTP_mail_count ")
            .containsPattern("(?m)^imapConnections_total ");
    }

    @Test
    void smtpAndPop3ConnectionsCommandsAndReplyClassesAreCounted() {
        Map<String, Double> before = metrics();

        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            assertThat(smtp.readSmtpReply()).startsWith("220 ");
            assertThat(smtp.smtp("EHLO mail.sender.example")).startsWith("250");
            assertThat(smtp.smtp("NOT-A-COMMAND")).startsWith("5");
            assertThat(smtp.smtp("QUIT")).startsWith("221 ");
        }
        try (LineDialogue pop3 = LineDialogue.connect(server.port(110))) {
            assertThat(pop3.readLine()).startsWith("+OK");
            pop3.send("NOT-A-COMMAND");
            assertThat(pop3.readLine()).startsWith("-ERR");
            pop3.send("QUIT");
            assertThat(pop3.readLine()).startsWith("+OK");
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Double> after = metrics();
            assertThat(increase(before, after, "mailfort_smtp_mx_connections_opened_total")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "mailfort_smtp_mx_connections_closed_total")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "mailfort_smtp_mx_commands_total")).isGreaterThanOrEqualTo(3);
            assertThat(increase(before, after, "mailfort_smtp_mx_replies_2xx_total")).isGreaterThanOrEqualTo(2);
            assertThat(increase(before, after, "mailfort_smtp_mx_replies_5xx_total")).isGreaterThanOrEqualTo(1);
            assertThat(increase(before, after, "mailfort_pop3_connections_opened_total")).isEqualTo(1);
            assertThat(increase(before, after, "mailfort_pop3_connections_closed_total")).isEqualTo(1);
            assertThat(increase(before, after, "mailfort_pop3_commands_total")).isEqualTo(2);
            assertThat(increase(before, after, "mailfort_pop3_replies_err_total")).isEqualTo(1);
            assertThat(increase(before, after, "mailfort_pop3_replies_ok_total")).isEqualTo(1);
        });
    }

    @Test
    void aQuarantinedMailIsLoggedWhenAcceptedAndWhenHeldWithItsMessageIdAndReasonButNoContent() {
        MailUser carol = MailUser.create(server, "carol", DOMAIN);
        String messageId = "<" + UUID.randomUUID() + "@sender.example>";

        internet.send("mallory@sender.example", carol.address(), infected(carol, messageId));
        Quarantines.awaitHeldFor(server, Quarantines.VIRUS, carol);

        List<String> lines = await().atMost(Duration.ofSeconds(10)).until(() -> decisionLinesNaming(messageId),
            found -> found.size() >= 2);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("decision=accepted queue_id=").contains("message_id=" + messageId);
        assertThat(lines.get(1)).satisfies(line -> assertThat(line)
            .startsWith("decision=quarantined reason=virus queue_id=")
            .contains("message_id=" + messageId)
            .contains("from=<mallory@sender.example>")
            .contains("to=<" + carol.address() + ">")
            .contains("clamav=infected:" + Eicar.SIGNATURE_NAME)
            .doesNotContain(BODY_MARKER)
            .doesNotContain("Invoice for carol"));
    }

    @Test
    void healthCheckListsEveryDependencyWithItsState() {
        WebAdminClient.Response health = server.webAdmin().get("/healthcheck");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body())
            .contains("\"componentName\":\"Cassandra backend\"")
            .contains("\"componentName\":\"ClamAV\"")
            .contains("\"componentName\":\"Rspamd\"")
            .contains("\"componentName\":\"DNS\"")
            .contains("\"componentName\":\"MailQueue\"");
        assertThat(server.webAdmin().get("/healthcheck/checks/MailQueue").body()).contains("\"status\":\"healthy\"");
    }

    private static List<String> decisionLinesNaming(String messageId) {
        synchronized (DECISIONS) {
            return DECISIONS.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("message_id=" + messageId)).toList();
        }
    }

    private static Map<String, Double> metrics() {
        return server.webAdmin().metrics();
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }

    private static String infected(MailUser recipient, String messageId) {
        return "From: Mallory <mallory@sender.example>\n"
            + "To: <" + recipient.address() + ">\n"
            + "Subject: Invoice for " + recipient.address().substring(0, recipient.address().indexOf('@')) + "\n"
            + "Date: Thu, 26 Nov 2026 10:00:00 +0000\n"
            + "Message-ID: " + messageId + "\n"
            + AttachedFile.eicar(BODY_MARKER);
    }

    private static String sendOnPort25(MailUser recipient, String message) {
        try (LineDialogue smtp = LineDialogue.connect(server.port(25))) {
            smtp.readSmtpReply();
            smtp.smtp("EHLO mail.sender.example");
            assertThat(smtp.smtp("MAIL FROM:<alice@example.com>")).startsWith("250 ");
            assertThat(smtp.smtp("RCPT TO:<" + recipient.address() + ">")).startsWith("250 ");
            assertThat(smtp.smtp("DATA")).startsWith("354 ");
            for (String line : message.split("\r\n", -1)) {
                smtp.send(line.startsWith(".") ? "." + line : line);
            }
            return smtp.smtp(".");
        }
    }
}
