/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

class DeliverSubAddressToBaseUserTest {
    /** example.com is ours, with the user alice, the alias sales and a user really named "b+c". */
    private static final LocalAddressBook ADDRESS_BOOK = new LocalAddressBook() {
        @Override
        public boolean isLocalDomain(Domain domain) {
            return domain.equals(Domain.of("example.com"));
        }

        @Override
        public boolean receivesMail(MailAddress address) {
            return Set.of("alice@example.com", "sales@example.com", "b+c@example.com").contains(address.asString());
        }
    };

    @Test
    void taggedAddressOfAUserGoesToTheUser() throws Exception {
        Mail mail = mailTo("alice+news@example.com");

        mailet("+").service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("alice@example.com"));
    }

    @Test
    void onlyTheFirstSeparatorCounts() throws Exception {
        Mail mail = mailTo("alice+news+weekly@example.com");

        mailet("+").service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("alice@example.com"));
    }

    @Test
    void taggedAliasIsRewrittenToTheAliasForTheRewriteTableToResolve() throws Exception {
        Mail mail = mailTo("sales+fair@example.com");

        mailet("+").service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("sales@example.com"));
    }

    @Test
    void anAccountWhoseNameContainsTheSeparatorKeepsItsMail() throws Exception {
        Mail mail = mailTo("b+c@example.com");

        mailet("+").service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("b+c@example.com"));
    }

    @Test
    void addressesOfOtherDomainsAreNeverTouched() throws Exception {
        Mail mail = mailTo("bob+list@elsewhere.example");

        mailet("+").service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob+list@elsewhere.example"));
    }

    @Test
    void aLeadingSeparatorIsNotASubAddress() throws Exception {
        Mail mail = mailTo("+news@example.com");

        mailet("+").service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("+news@example.com"));
    }

    @Test
    void addressWithoutSeparatorIsLeftAlone() throws Exception {
        Mail mail = mailTo("alice@example.com", "carol@example.com");

        mailet("+").service(mail);

        assertThat(mail.getRecipients())
            .containsExactly(new MailAddress("alice@example.com"), new MailAddress("carol@example.com"));
    }

    @Test
    void twoTagsOfOneUserMakeOneRecipient() throws Exception {
        Mail mail = mailTo("alice+a@example.com", "alice+b@example.com", "alice@example.com");

        mailet("+").service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("alice@example.com"));
    }

    @Test
    void everyCharacterOfTheParameterIsASeparator() throws Exception {
        Mail mail = mailTo("alice-news@example.com", "alice+shop@example.com");

        mailet("+-").service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("alice@example.com"));
    }

    @Test
    void plusIsNoSeparatorWhenAnotherIsConfigured() throws Exception {
        Mail mail = mailTo("alice+news@example.com");

        mailet("-").service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("alice+news@example.com"));
    }

    @Test
    void separatorDefaultsToPlus() throws Exception {
        DeliverSubAddressToBaseUser mailet = new DeliverSubAddressToBaseUser(ADDRESS_BOOK);
        mailet.init(FakeMailetConfig.builder().mailetName("sub-addressing").build());
        Mail mail = mailTo("alice+news@example.com");

        mailet.service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("alice@example.com"));
    }

    @Test
    void dsnParametersFollowTheRecipientToItsBaseAddress() throws Exception {
        Mail mail = mailTo("alice+news@example.com");
        DsnParameters.RecipientDsnParameters notify = DsnParameters.RecipientDsnParameters.of(
            java.util.EnumSet.of(DsnParameters.Notify.FAILURE), new MailAddress("alice+news@example.com"));
        mail.setDsnParameters(DsnParameters.builder()
            .addRcptParameter(new MailAddress("alice+news@example.com"), notify)
            .build().get());

        mailet("+").service(mail);

        assertThat(mail.dsnParameters().map(DsnParameters::getRcptParameters).orElseThrow())
            .containsOnlyKeys(new MailAddress("alice@example.com"));
    }

    @Test
    void emptyOrUnsafeSeparatorIsAConfigurationError() {
        assertThatThrownBy(() -> mailet(" ")).isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> mailet("@")).isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> mailet("\"")).isInstanceOf(MessagingException.class);
    }

    private static DeliverSubAddressToBaseUser mailet(String separator) throws MessagingException {
        DeliverSubAddressToBaseUser mailet = new DeliverSubAddressToBaseUser(ADDRESS_BOOK);
        mailet.init(FakeMailetConfig.builder().mailetName("sub-addressing").setProperty("separator", separator).build());
        return mailet;
    }

    private static Mail mailTo(String... recipients) throws MessagingException {
        FakeMail.Builder builder = FakeMail.builder().name("mail").sender("someone@elsewhere.example");
        for (String recipient : recipients) {
            builder.recipient(recipient);
        }
        return builder.build();
    }

}
