/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.core.AbstractHookableCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.mailfort.protocols.FakeTransport;

class RefuseForeignFromHeaderTest {
    private static final Username ALICE = Username.of("alice@example.com");
    /** Alice's addresses: her own and an alias; anything else (bob's, a stranger's) is not hers. */
    private static final Map<Username, Set<String>> ADDRESSES = Map.of(ALICE,
        Set.of("alice@example.com", "sales@example.com"));
    private static final OwnAddresses OWN = (user, address) ->
        ADDRESSES.getOrDefault(user, Set.of()).contains(address.asString());

    private final RefuseForeignFromHeader hook = new RefuseForeignFromHeader(OWN, new RecordingMetricFactory());

    @Test
    void ownAddressInFromIsAccepted() throws Exception {
        assertThat(hook.onMessage(alice(), mail("From: Alice <alice@example.com>"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aliasInFromIsAccepted() throws Exception {
        assertThat(hook.onMessage(alice(), mail("From: Sales <sales@example.com>"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void colleagueInFromIsRefusedWith550AndTheAddress() throws Exception {
        String reply = reply(hook.onMessage(alice(), mail("From: Bob <bob@example.com>")));

        assertThat(reply).isEqualTo("550 5.7.1 From: header <bob@example.com> is not one of your addresses");
    }

    @Test
    void colleagueInSenderIsRefused() throws Exception {
        String reply = reply(hook.onMessage(alice(), mail("From: Alice <alice@example.com>\r\nSender: bob@example.com")));

        assertThat(reply).isEqualTo("550 5.7.1 Sender: header <bob@example.com> is not one of your addresses");
    }

    @Test
    void everyAddressOfASeveralAddressFromMustBeOwn() throws Exception {
        String reply = reply(hook.onMessage(alice(), mail("From: alice@example.com, Bob <bob@example.com>")));

        assertThat(reply).contains("<bob@example.com>");
    }

    @Test
    void groupMembersAreChecked() throws Exception {
        String reply = reply(hook.onMessage(alice(),
            mail("From: Team: alice@example.com, sales@example.com, ceo@example.com;")));

        assertThat(reply).contains("<ceo@example.com>");
    }

    @Test
    void secondFromFieldIsChecked() throws Exception {
        String reply = reply(hook.onMessage(alice(), mail("From: alice@example.com\r\nFrom: ceo@example.com")));

        assertThat(reply).contains("<ceo@example.com>");
    }

    @Test
    void foldedFieldIsUnfoldedBeforeParsing() throws Exception {
        String reply = reply(hook.onMessage(alice(), mail("From: \"Alice\r\n Martin\"\r\n <ceo@example.com>")));

        assertThat(reply).contains("<ceo@example.com>");
    }

    @Test
    void encodedDisplayNameShowingOwnAddressDoesNotHideTheRealOne() throws Exception {
        String reply = reply(hook.onMessage(alice(),
            mail("From: =?UTF-8?Q?alice=40example=2Ecom?= <ceo@example.com>")));

        assertThat(reply).contains("<ceo@example.com>");
    }

    @Test
    void commentNamingOwnAddressDoesNotHideTheRealOne() throws Exception {
        String reply = reply(hook.onMessage(alice(), mail("From: ceo@example.com (alice@example.com)")));

        assertThat(reply).contains("<ceo@example.com>");
    }

    @Test
    void ownAddressWithCommentsAndEncodedNameIsAccepted() throws Exception {
        assertThat(hook.onMessage(alice(),
            mail("From: =?UTF-8?Q?Alice_M=C3=BCller?= (work) <alice@example.com> (office)")))
            .isEqualTo(HookResult.DECLINED);
    }

    @Test
    void fromWithANameButNoAddressIsRefused() throws Exception {
        String reply = reply(hook.onMessage(alice(), mail("From: Alice")));

        assertThat(reply).isEqualTo("550 5.7.1 From: header <Alice> is not one of your addresses");
    }

    @Test
    void fromWithAnEmptyGroupIsRefused() throws Exception {
        String reply = reply(hook.onMessage(alice(), mail("From: undisclosed-senders:;")));

        assertThat(reply).isEqualTo("550 5.7.1 From: header has no address that can be read");
    }

    @Test
    void messageWithoutFromIsAccepted() throws Exception {
        assertThat(hook.onMessage(alice(), mail("Subject: no from"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void unauthenticatedSessionsAreNotConcerned() throws Exception {
        SMTPSession anonymous = new SMTPSessionImpl(FakeTransport.clearText(), new SMTPConfigurationImpl());

        assertThat(hook.onMessage(anonymous, mail("From: ceo@example.com"))).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void failingAddressLookupIsATemporaryError() throws Exception {
        RefuseForeignFromHeader failing = new RefuseForeignFromHeader((user, address) -> {
            throw new IllegalStateException("Cassandra is down");
        }, new RecordingMetricFactory());

        assertThat(reply(failing.onMessage(alice(), mail("From: alice@example.com"))))
            .isEqualTo("451 4.3.0 Temporary failure, try again later");
    }

    @Test
    void mailFromOfAColleagueIsRefusedWithAClearText() throws Exception {
        RefuseForeignMailFrom mailFrom = new RefuseForeignMailFrom(OWN, new RecordingMetricFactory());

        assertThat(reply(mailFrom.doMail(alice(), MaybeSender.of(new MailAddress("bob@example.com")))))
            .isEqualTo("550 5.7.1 <bob@example.com> is not one of your addresses");
    }

    @Test
    void mailFromOfAnAliasIsLeftToJames() throws Exception {
        RefuseForeignMailFrom mailFrom = new RefuseForeignMailFrom(OWN, new RecordingMetricFactory());

        assertThat(mailFrom.doMail(alice(), MaybeSender.of(new MailAddress("sales@example.com"))))
            .isEqualTo(HookResult.DECLINED);
    }

    @Test
    void nullSenderAndUnauthenticatedMailFromAreLeftToJames() throws Exception {
        RefuseForeignMailFrom mailFrom = new RefuseForeignMailFrom(OWN, new RecordingMetricFactory());
        SMTPSession anonymous = new SMTPSessionImpl(FakeTransport.clearText(), new SMTPConfigurationImpl());

        assertThat(mailFrom.doMail(alice(), MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
        assertThat(mailFrom.doMail(anonymous, MaybeSender.of(new MailAddress("bob@example.com"))))
            .isEqualTo(HookResult.DECLINED);
    }

    private static String reply(HookResult result) {
        return String.join("\n", AbstractHookableCmdHandler.calcDefaultSMTPResponse(result).getLines());
    }

    private static SMTPSession alice() {
        SMTPSession session = new SMTPSessionImpl(FakeTransport.encrypted(), new SMTPConfigurationImpl());
        session.setUsername(ALICE);
        return session;
    }

    private static Mail mail(String headers) throws Exception {
        String message = headers + "\r\nTo: erin@partner.example\r\nSubject: Hi\r\n\r\nHello.\r\n";
        MailImpl mail = MailImpl.builder()
            .name("Mail1700000000-1")
            .sender(MaybeSender.getMailSender("alice@example.com"))
            .addRecipients("erin@partner.example")
            .build();
        mail.setMessageContent(MimeMessageInputStreamSource.create(mail.getName(),
            new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8))));
        return mail;
    }
}
