/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.rspamd.RspamdAction;
import dev.mailfort.scanning.rspamd.RspamdAttributes;
import dev.mailfort.scanning.rspamd.RspamdScan;
import dev.mailfort.scanning.rspamd.RspamdSymbol;
import dev.mailfort.scanning.rspamd.RspamdVerdict;

/** The recording itself is covered through {@link ScanWithRspamdTest}; here what the mailet does not show. */
class RspamdVerdictRecorderTest {
    private static final AttributeName STATUS = AttributeName.of(RspamdAttributes.STATUS);
    private static final AttributeName ACTION = AttributeName.of(RspamdAttributes.ACTION);
    private static final AttributeName SCANNED_IN_SESSION = AttributeName.of(RspamdAttributes.SCANNED_IN_SESSION);

    private final RspamdVerdictRecorder recorder = new RspamdVerdictRecorder(true, 1000);

    @Test
    void recordsAScan() throws Exception {
        Mail mail = mail();

        recorder.record(mail, scanned(RspamdAction.ADD_HEADER));

        assertThat(AttributeUtils.getValueAndCastFromMail(mail, ACTION, String.class)).contains("add header");
        assertThat(mail.getMessage().getHeader("X-Spam-Symbols")).containsExactly("BAYES_SPAM(5.10)");
    }

    @Test
    void forgetsAnEarlierScanWhenTooLarge() throws Exception {
        Mail mail = mail();
        recorder.record(mail, scanned(RspamdAction.ADD_HEADER));

        recorder.record(mail, RspamdVerdict.tooLarge(100));

        assertThat(AttributeUtils.getValueAndCastFromMail(mail, STATUS, String.class)).contains("too-large");
        assertThat(mail.getAttribute(ACTION)).isEmpty();
        assertThat(mail.getMessage().getHeader("X-Spam-Action")).isNull();
    }

    @Test
    void takesTheMarkOfAMailScannedInSession() throws Exception {
        Mail mail = mail();
        recorder.record(mail, scanned(RspamdAction.NO_ACTION));
        RspamdVerdictRecorder.markScannedInSession(mail);

        assertThat(RspamdVerdictRecorder.takeScannedInSessionMark(mail)).isTrue();
        assertThat(mail.getAttribute(SCANNED_IN_SESSION)).isEmpty();
    }

    @Test
    void findsNoMarkTheSecondTime() throws Exception {
        Mail mail = mail();
        recorder.record(mail, scanned(RspamdAction.NO_ACTION));
        RspamdVerdictRecorder.markScannedInSession(mail);
        RspamdVerdictRecorder.takeScannedInSessionMark(mail);

        assertThat(RspamdVerdictRecorder.takeScannedInSessionMark(mail)).isFalse();
    }

    @Test
    void ignoresAMarkWithoutARecordedScan() throws Exception {
        Mail mail = mail();
        recorder.record(mail, RspamdVerdict.unavailable("connection refused"));
        RspamdVerdictRecorder.markScannedInSession(mail);

        assertThat(RspamdVerdictRecorder.takeScannedInSessionMark(mail)).isFalse();
        assertThat(mail.getAttribute(SCANNED_IN_SESSION)).isEmpty();
    }

    @Test
    void refusesANonPositiveSymbolsHeaderLength() {
        assertThatThrownBy(() -> new RspamdVerdictRecorder(true, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxSymbolsHeaderLength");
    }

    private static RspamdVerdict scanned(RspamdAction action) {
        return RspamdVerdict.scanned(new RspamdScan(action, 8.2, 15.0, List.of(new RspamdSymbol("BAYES_SPAM", 5.1)),
            Optional.empty(), Map.of()));
    }

    private static Mail mail() throws MessagingException {
        return FakeMail.builder()
            .name("mail-1")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addFrom("alice@example.com")
                .addToRecipient("bob@example.org")
                .setSubject("Hello")
                .setText("Hello Bob"))
            .sender("alice@example.com")
            .recipient("bob@example.org")
            .build();
    }
}
