/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.mail.MessagingException;
import javax.mail.internet.MimeUtility;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import dev.mailfort.testing.MovableClock;

class WarnOfImpersonationTest {
    private static final List<String> USERS = List.of("alice.martin@example.com", "bob@example.com", "it@example.com");

    @Test
    void displayNameThatIsALocalUsersLocalPartGetsTheWarningAndThePrefix() throws Exception {
        Mail mail = RawMails.mail("From: Alice Martin <alice.martin.ceo@freemail.example>\nSubject: Urgent transfer");

        mailet().service(mail);

        assertThat(warning(mail)).contains("our user alice.martin@example.com")
            .contains("alice.martin.ceo@freemail.example");
        assertThat(mail.getMessage().getSubject()).isEqualTo("[EXTERNAL] Urgent transfer");
    }

    @Test
    void displayNameContainingOneOfOurAddressesGetsTheWarning() throws Exception {
        Mail mail = RawMails.mail("From: \"bob@example.com\" <bob@lookalike.example>\nSubject: Invoice");

        mailet().service(mail);

        assertThat(warning(mail)).contains("our address bob@example.com");
    }

    @Test
    void protectedNameIsFoundInAnEncodedFoldedDisplayName() throws Exception {
        Mail mail = RawMails.mail("From: =?UTF-8?Q?Z=C3=B6e_Dupr=C3=A9?= =?UTF-8?Q?_=28CEO=29?=\n"
            + " <zoe@freemail.example>\nSubject: Quick favour");

        mailet(FakeMailetConfig.builder().setProperty("protectedNames", "Zoe Dupre, Payroll")).service(mail);

        assertThat(warning(mail)).contains("protected name \"Zoe Dupre\"");
    }

    @Test
    void protectedNameInACommentStyleDisplayNameIsFound() throws Exception {
        Mail mail = RawMails.mail("From: payroll@freemail.example (Payroll Department)\nSubject: Salary");

        mailet(FakeMailetConfig.builder().setProperty("protectedNames", "Payroll")).service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[EXTERNAL] Salary");
    }

    @Test
    void everyAddressOfAFromWithSeveralIsJudged() throws Exception {
        Mail mail = RawMails.mail("From: news@shop.example, Bob <b@freemail.example>\nSubject: Hi");

        mailet().service(mail);

        assertThat(warning(mail)).contains("our user bob@example.com");
    }

    @Test
    void ordinaryExternalSenderIsLeftAlone() throws Exception {
        Mail mail = RawMails.mail("From: Carol Smith <carol@partner.example>\nSubject: Minutes");

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("X-Mailfort-Impersonation")).isNull();
        assertThat(mail.getMessage().getSubject()).isEqualTo("Minutes");
    }

    @Test
    void ourOwnAddressIsNotImpersonation() throws Exception {
        Mail mail = RawMails.mail("From: Alice Martin <alice.martin@example.com>\nSubject: Lunch");

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("X-Mailfort-Impersonation")).isNull();
    }

    @Test
    void shortLocalPartsAreNotComparedWithDisplayNames() throws Exception {
        Mail mail = RawMails.mail("From: IT <helpdesk@vendor.example>\nSubject: Ticket");

        mailet().service(mail);

        assertThat(mail.getMessage().getHeader("X-Mailfort-Impersonation")).isNull();
    }

    @Test
    void localPartMatchingCanBeSwitchedOff() throws Exception {
        Mail mail = RawMails.mail("From: Alice Martin <alice.martin.ceo@freemail.example>\nSubject: Urgent");

        mailet(FakeMailetConfig.builder().setProperty("matchLocalParts", "false")).service(mail);

        assertThat(mail.getMessage().getHeader("X-Mailfort-Impersonation")).isNull();
    }

    @Test
    void emptySubjectPrefixLeavesTheSubjectButStillWarns() throws Exception {
        Mail mail = RawMails.mail("From: Bob <b@freemail.example>\nSubject: Hi");

        mailet(FakeMailetConfig.builder().setProperty("subjectPrefix", "")).service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Hi");
        assertThat(warning(mail)).isNotEmpty();
    }

    @Test
    void userListIsReadAgainOnlyAfterTheRefreshInterval() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        List<String> users = new ArrayList<>(USERS);
        MovableClock clock = new MovableClock();
        WarnOfImpersonation mailet = new WarnOfImpersonation(counting(reads, users), clock);
        mailet.init(config(FakeMailetConfig.builder().setProperty("userListRefresh", "5m")));

        mailet.service(RawMails.mail("From: Bob <b@freemail.example>\nSubject: 1"));
        users.add("carol.white@example.com");
        Mail beforeRefresh = RawMails.mail("From: Carol White <c@freemail.example>\nSubject: 2");
        mailet.service(beforeRefresh);
        clock.advance(Duration.ofMinutes(6));
        Mail afterRefresh = RawMails.mail("From: Carol White <c@freemail.example>\nSubject: 3");
        mailet.service(afterRefresh);

        assertThat(reads).hasValue(2);
        assertThat(beforeRefresh.getMessage().getHeader("X-Mailfort-Impersonation")).isNull();
        assertThat(warning(afterRefresh)).contains("carol.white@example.com");
    }

    private static Supplier<Collection<String>> counting(AtomicInteger reads, List<String> users) {
        return () -> {
            reads.incrementAndGet();
            return List.copyOf(users);
        };
    }

    private static String warning(Mail mail) throws Exception {
        String[] values = mail.getMessage().getHeader("X-Mailfort-Impersonation");
        assertThat(values).hasSize(1);
        return MimeUtility.decodeText(MimeUtility.unfold(values[0]));
    }

    private static WarnOfImpersonation mailet() throws MessagingException {
        return mailet(FakeMailetConfig.builder());
    }

    private static WarnOfImpersonation mailet(FakeMailetConfig.Builder config) throws MessagingException {
        WarnOfImpersonation mailet = new WarnOfImpersonation(() -> USERS, Clock.systemUTC());
        mailet.init(config(config));
        return mailet;
    }

    private static FakeMailetConfig config(FakeMailetConfig.Builder config) {
        return config.mailetContext(RawMails.withLocalDomains("example.com")).build();
    }
}
