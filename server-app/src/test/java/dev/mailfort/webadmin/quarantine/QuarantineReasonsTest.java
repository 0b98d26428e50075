/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.convert.DefaultListDelimiterHandler;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

import dev.mailfort.server.testing.TestWorkingDirectory;

class QuarantineReasonsTest {
    @Test
    void defaultsAreTheThreeQuarantinesOfTheProductionPipeline() {
        assertThat(QuarantineReasons.defaults().all())
            .extracting(QuarantineReason::name, reason -> reason.repository().asString(), QuarantineReason::releaseProcessor)
            .containsExactly(
                tuple("virus", "cassandra://var/mail/quarantine/virus", "attachment-scan"),
                tuple("attachment", "cassandra://var/mail/quarantine/attachment", "spam-scan"),
                tuple("spam", "cassandra://var/mail/quarantine/spam", "transport"));
    }

    @Test
    void theShippedFileSaysWhatTheBuiltInDefaultsDo() throws Exception {
        String file = Files.readString(TestWorkingDirectory.productionConf().resolve("quarantine.properties"));

        assertThat(QuarantineReasons.from(properties(file)).all()).isEqualTo(QuarantineReasons.defaults().all());
    }

    @Test
    void reasonsAreReadInTheirListedOrder() throws Exception {
        QuarantineReasons reasons = QuarantineReasons.from(properties("""
            reasons=policy, virus
            reason.virus.repository=cassandra://var/mail/held/virus/
            reason.virus.releaseProcessor=transport
            reason.policy.repository=cassandra://var/mail/held/policy/
            reason.policy.releaseProcessor=local-delivery
            """));

        assertThat(reasons.names()).containsExactly("policy", "virus");
        assertThat(reasons.find("policy").orElseThrow().releaseProcessor()).isEqualTo("local-delivery");
        assertThat(reasons.find("virus").orElseThrow().repository().asString()).isEqualTo("cassandra://var/mail/held/virus");
        assertThat(reasons.find("spam")).isEmpty();
    }

    @Test
    void aReasonWithoutReleaseProcessorIsRefused() {
        assertThatThrownBy(() -> QuarantineReasons.from(properties("""
            reasons=virus
            reason.virus.repository=cassandra://var/mail/quarantine/virus/
            """)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("reason.virus.releaseProcessor");
    }

    @Test
    void twoReasonsSharingARepositoryAreRefused() {
        assertThatThrownBy(() -> QuarantineReasons.from(properties("""
            reasons=virus, spam
            reason.virus.repository=cassandra://var/mail/quarantine/
            reason.virus.releaseProcessor=transport
            reason.spam.repository=cassandra://var/mail/quarantine/
            reason.spam.releaseProcessor=transport
            """)))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("repository");
    }

    @Test
    void aRepositoryWithoutProtocolIsRefused() {
        assertThatThrownBy(() -> QuarantineReasons.from(properties("""
            reasons=virus
            reason.virus.repository=var/mail/quarantine/virus/
            reason.virus.releaseProcessor=transport
            """)))
            .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aNameThatWouldNeedEscapingInAUrlIsRefused() {
        assertThatThrownBy(() -> QuarantineReason.of("Virus/x", "cassandra://var/mail/q/", "transport"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> QuarantineReasons.from(properties("reasons=\n")))
            .isInstanceOf(ConfigurationException.class);
    }

    // The same list handling as James's PropertiesProvider.
    private static PropertiesConfiguration properties(String text) throws ConfigurationException {
        PropertiesConfiguration configuration = new PropertiesConfiguration();
        configuration.setListDelimiterHandler(new DefaultListDelimiterHandler(','));
        try {
            configuration.read(new StringReader(text));
        } catch (IOException e) {
            throw new ConfigurationException(e);
        }
        return configuration;
    }
}
