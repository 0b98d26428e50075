/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.memory.MemoryRecipientRewriteTable;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefuseUnknownRecipientTest {
    private static final Domain EXAMPLE = Domain.of("example.com");
    private static final Domain ALIAS_DOMAIN = Domain.of("example.net");

    private RefuseUnknownRecipient hook;
    private MemoryUsersRepository users;

    @BeforeEach
    void setUp() throws Exception {
        MemoryDomainList domains = new MemoryDomainList(null);
        domains.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false)
            .defaultDomain(EXAMPLE).build());
        // The default domain is added by configure().
        domains.addDomain(ALIAS_DOMAIN);
        users = MemoryUsersRepository.withVirtualHosting(domains);
        users.addUser(Username.of("alice@example.com"), "secret");
        users.addUser(Username.of("bob@example.com"), "secret");
        users.addUser(Username.of("b+c@example.com"), "secret");
        MemoryRecipientRewriteTable table = new MemoryRecipientRewriteTable();
        table.setConfiguration(RecipientRewriteTableConfiguration.DEFAULT_ENABLED);
        table.setDomainList(domains);
        table.setUsersRepository(users);
        table.addAliasMapping(MappingSource.fromUser("sales", EXAMPLE), "alice@example.com");
        table.addForwardMapping(MappingSource.fromUser("bob", EXAMPLE), "bob@partner.example");
        table.addAddressMapping(MappingSource.fromUser("press", EXAMPLE), "agency@partner.example");
        table.addGroupMapping(MappingSource.fromUser("team", EXAMPLE), "alice@example.com");
        table.addAddressMapping(MappingSource.fromUser("ghost", EXAMPLE), "gone@example.com");
        table.addErrorMapping(MappingSource.fromUser("moved", EXAMPLE), "550 Moved away");
        table.addDomainAliasMapping(MappingSource.fromDomain(ALIAS_DOMAIN), EXAMPLE);
        hook = new RefuseUnknownRecipient(users, table, domains);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alice@example.com", "sales@example.com", "bob@example.com", "press@example.com",
        "team@example.com", "alice@example.net", "alice+news@example.com", "sales+fair@example.com",
        "alice+news@example.net", "b+c@example.com"})
    void recipientThatReachesAMailboxOrAnotherDomainIsLeftToTheNextHooks(String recipient) throws Exception {
        assertThat(rcpt(recipient)).isEqualTo(HookResult.DECLINED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nobody@example.com", "nobody@example.net", "ghost@example.com", "moved@example.com",
        "nobody+news@example.com", "+news@example.com", "alice-news@example.com"})
    void recipientThatReachesNoMailboxIsRefusedWith550(String recipient) throws Exception {
        HookResult result = rcpt(recipient);

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode() + " " + result.getSmtpDescription())
            .isEqualTo("550 5.1.1 Unknown user: " + recipient);
    }

    @Test
    void recipientOfAnotherDomainIsNotThisHooksBusiness() throws Exception {
        assertThat(rcpt("anyone@elsewhere.example")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void everyCharacterOfTheConfiguredSeparatorCounts() throws Exception {
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("subAddressSeparator", "+-");
        hook.init(configuration);

        assertThat(rcpt("alice-news@example.com")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt("alice+news@example.com")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void emptySeparatorTurnsSubAddressingOff() throws Exception {
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("subAddressSeparator", "");
        hook.init(configuration);

        assertThat(rcpt("alice+news@example.com").getResult()).isEqualTo(HookReturnCode.deny());
    }

    @Test
    void aliasOfADeletedUserIsRefusedOnceTheUserIsGone() throws Exception {
        assertThat(rcpt("sales@example.com")).isEqualTo(HookResult.DECLINED);

        users.removeUser(Username.of("alice@example.com"));

        assertThat(rcpt("sales@example.com").getResult()).isEqualTo(HookReturnCode.deny());
    }

    private HookResult rcpt(String recipient) throws Exception {
        return hook.doRcpt(null, MaybeSender.of(new MailAddress("someone@sender.example")), new MailAddress(recipient));
    }
}
