/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.local.clamav.LocalClamd;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.clamav.SharedClamd;
import dev.mailfort.testing.rspamd.SharedRspamd;

/**
 * Scanners failing under sustained SMTP load: clamd, then rspamd, stop for several seconds while clients keep
 * sending. While rspamd is down the SMTP session answers 451 (the sender keeps the mail); mail already accepted waits
 * in the retry ladder. Every Message-ID that got a 250 must be delivered exactly once, and every delivered copy must
 * carry both scanners' verdicts: nothing slips through unscanned during the outage.
 *
 * <p>Longer run on demand: {@code -Dmailfort.soak.seconds=60} (the length of each phase).
 */
class ScannerOutageUnderLoadTest {
    private static final String DOMAIN = "example.com";
    private static final String PASSWORD = "outage-Secret-42";
    private static final List<String> USERS = List.of("ann", "ben", "cid");
    private static final int CLIENTS = 4;

    /** The production retry ladder waits 1, 5, then 15 minutes; seconds show the same behaviour in a CI-sized run. */
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension()
        .withConf(conf -> conf.replaceConf("mailetcontainer.xml", conf.readConf("mailetcontainer.xml")
            .replace("<delay>1m</delay>", "<delay>2s</delay>")
            .replace("<delay>5m</delay>", "<delay>3s</delay>")
            .replace("<delay>15m</delay>", "<delay>4s</delay>")));

    @Test
    void everyAcknowledgedMessageIsDeliveredOnceAndScannedThoughClamdAndRspamdWentDown() throws Exception {
        Duration phase = Duration.ofSeconds(Integer.getInteger("mailfort.soak.seconds", 6));
        server.webAdmin().addDomain(DOMAIN);
        List<String> recipients = USERS.stream().map(user -> user + "@" + DOMAIN).toList();
        recipients.forEach(address -> server.webAdmin().addUser(address, PASSWORD));
        LocalClamd clamd = SharedClamd.get();

        SmtpLoad load = SmtpLoad.start(() -> server.port(25), recipients, CLIENTS, "outage" + System.nanoTime());
        int acknowledgedBeforeOutages;
        try {
            Thread.sleep(phase.toMillis());
            acknowledgedBeforeOutages = load.acknowledged().size();
            clamd.stop();
            Thread.sleep(phase.toMillis());
            clamd.start();
            Thread.sleep(phase.toMillis());
            SharedRspamd.instance().stop();
            Thread.sleep(phase.toMillis());
            SharedRspamd.running();
            Thread.sleep(phase.toMillis());
        } finally {
            load.close();
            // Other test classes share these daemons.
            clamd.start();
            SharedRspamd.running();
        }

        Set<String> acknowledged = load.acknowledged();
        assertThat(acknowledgedBeforeOutages).as("the load reached the server before the outages").isPositive();
        assertThat(acknowledged.size()).as("mail was still accepted after the outages").isGreaterThan(acknowledgedBeforeOutages);
        AtomicReference<DeliveredMessages> lastRead = new AtomicReference<>();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions().until(() -> {
                lastRead.set(DeliveredMessages.read(server.port(993), recipients, PASSWORD));
                return lastRead.get().countByMessageId().keySet().containsAll(acknowledged);
            });
        } catch (ConditionTimeoutException stillMissing) {
            // Fall through: the assertions below say how many and which.
        }
        DeliveredMessages delivered = lastRead.get();
        Map<String, Integer> counts = delivered.countByMessageId();
        Set<String> lost = new TreeSet<>(acknowledged);
        lost.removeAll(counts.keySet());
        List<DeliveredMessages.Delivered> unscanned = delivered.all().stream()
            .filter(message -> !message.scannedByBoth()).toList();
        long duplicated = counts.values().stream().filter(count -> count > 1).count();
        System.out.printf("Scanner-outage-under-load: %d transactions attempted, %d acknowledged, %d delivered (distinct),"
                + " %d lost, %d duplicated, %d delivered without both verdicts%n", load.attempted(), acknowledged.size(),
            counts.size(), lost.size(), duplicated, unscanned.size());
        if (!lost.isEmpty()) {
            // Seen once (1 of 500, 2026-11-27) and not reproduced: say where the server still holds mail, so that
            // a late mail (a retry ladder) can be told from a lost one.
            System.out.println("Scanner-outage-under-load: spool " + server.webAdmin().get("/mailQueues/spool/mails").body());
            System.out.println("Scanner-outage-under-load: repositories " + server.webAdmin().get("/mailRepositories").body());
            String errors = URLEncoder.encode("cassandra://var/mail/error/", StandardCharsets.UTF_8);
            System.out.println("Scanner-outage-under-load: error repository "
                + server.webAdmin().get("/mailRepositories/" + errors + "/mails").body());
        }
        assertThat(lost).as("acknowledged but never delivered").isEmpty();
        assertThat(unscanned).as("delivered without a clamd and an rspamd verdict").isEmpty();
        assertThat(counts.values()).as("delivered more than once").allMatch(count -> count == 1);
    }
}
