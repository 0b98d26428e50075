/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class TagExternalSenderTest {
    private static final String HEADERS = "From: Someone <someone@elsewhere.example>\nTo: bob@example.com\nSubject: Offer";

    @Test
    void addsTheHeaderFieldAndLeavesTheSubjectByDefault() throws Exception {
        Mail mail = RawMails.mail(HEADERS);

        mailet(FakeMailetConfig.builder().build()).service(mail);

        assertThat(mail.getMessage().getHeader("X-Mailfort-External")).containsExactly("yes");
        assertThat(mail.getMessage().getSubject()).isEqualTo("Offer");
    }

    @Test
    void replacesAHeaderFieldTheSenderWrote() throws Exception {
        Mail mail = RawMails.mail(HEADERS + "\nX-Mailfort-External: no");

        mailet(FakeMailetConfig.builder().build()).service(mail);

        assertThat(mail.getMessage().getHeader("X-Mailfort-External")).containsExactly("yes");
    }

    @Test
    void prefixesTheSubjectWhenConfigured() throws Exception {
        Mail mail = RawMails.mail(HEADERS);

        mailet(FakeMailetConfig.builder().setProperty("subjectPrefix", "[EXTERNAL]").build()).service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[EXTERNAL] Offer");
    }

    @Test
    void doesNotPrefixTwice() throws Exception {
        Mail mail = RawMails.mail(HEADERS.replace("Subject: Offer", "Subject: [EXTERNAL] Offer"));

        mailet(FakeMailetConfig.builder().setProperty("subjectPrefix", "[EXTERNAL]").build()).service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[EXTERNAL] Offer");
    }

    @Test
    void prefixesAnEncodedSubjectAndKeepsItsText() throws Exception {
        Mail mail = RawMails.mail(HEADERS.replace("Subject: Offer", "Subject: =?UTF-8?Q?R=C3=A9sum=C3=A9?="));

        mailet(FakeMailetConfig.builder().setProperty("subjectPrefix", "[EXTERNAL]").build()).service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[EXTERNAL] Résumé");
    }

    @Test
    void usesTheConfiguredHeaderField() throws Exception {
        Mail mail = RawMails.mail(HEADERS);

        mailet(FakeMailetConfig.builder().setProperty("headerName", "X-External-Sender")
            .setProperty("headerValue", "true").build()).service(mail);

        assertThat(mail.getMessage().getHeader("X-External-Sender")).containsExactly("true");
    }

    @Test
    void refusesAHeaderNameWithAColon() {
        assertThatThrownBy(() -> mailet(FakeMailetConfig.builder().setProperty("headerName", "X-A: b").build()))
            .isInstanceOf(MessagingException.class).hasMessageContaining("headerName");
    }

    private static TagExternalSender mailet(FakeMailetConfig config) throws MessagingException {
        TagExternalSender mailet = new TagExternalSender();
        mailet.init(config);
        return mailet;
    }
}
